import type Stripe from "stripe"
import { ignored, processed, type EventOutcome, type StripeEventContext } from "../types"

const REFUND_EVENTS = new Set(["refund.created", "refund.updated", "refund.failed"])

/**
 * Refunds, made by the plugin or by anyone in Stripe: the ledger reads the refund from Stripe itself and
 * records it once, against a payment it recorded (`charge.refunded` need not list refunds, so it is not used).
 */
export async function handleRefundEvent(event: Stripe.Event, context: StripeEventContext): Promise<EventOutcome> {
  if (!REFUND_EVENTS.has(event.type)) return ignored(`${event.type}: nothing to record`)
  const refund = event.data.object as Stripe.Refund
  const result = await context.ledger.recordRefund({ refund_id: refund.id, account: event.account ?? undefined })
  if (result === "not_ours") return ignored("not ours: the refunded payment is not one this plugin recorded")
  return processed(`refund: ${result}`)
}
