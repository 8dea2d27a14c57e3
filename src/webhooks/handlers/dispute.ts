import type Stripe from "stripe"
import { ignored, processed, type EventOutcome, type StripeEventContext } from "../types"

const DISPUTE_EVENTS = new Set([
  "charge.dispute.created",
  "charge.dispute.updated",
  "charge.dispute.closed",
  "charge.dispute.funds_withdrawn",
  "charge.dispute.funds_reinstated",
])

/** Disputes and inquiries: the ledger reads the dispute from Stripe itself and keeps its status on the order. */
export async function handleDisputeEvent(event: Stripe.Event, context: StripeEventContext): Promise<EventOutcome> {
  if (!DISPUTE_EVENTS.has(event.type)) return ignored(`${event.type}: nothing to record`)
  const dispute = event.data.object as Stripe.Dispute
  const result = await context.ledger.recordDispute({ dispute_id: dispute.id, account: event.account ?? undefined })
  if (result === "not_ours") return ignored("not ours: the disputed payment is not one this plugin recorded")
  return processed(`dispute: ${result}`)
}
