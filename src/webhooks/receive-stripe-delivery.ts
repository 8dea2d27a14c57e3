import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import type Stripe from "stripe"
import { stripeGateway } from "../stripe"
import { signedDelivery, type WebhookDelivery } from "../stripe/webhook-delivery"
import { acceptStripeEvent, type DoorOutcome } from "./accept-stripe-event"
import { eventDoor } from "./event-door"
import { noteSignatureFailure, noteVerifiedDelivery } from "./webhook-health"

/** How the entry answers Stripe: 400 with a reason for a delivery that fails its check, 200 otherwise. */
export type DeliveryAnswer =
  | { status: 400; body: { type: "invalid_data"; message: string } }
  | { status: 200; body: { received: true; outcome: DoorOutcome["status"] } }

/** Verified deliveries by what the door did with them, since this process started (for logs and tests). */
export const doorCounts: Record<DoorOutcome["status"], number> = { queued: 0, duplicate: 0, other_account: 0 }

/**
 * The one place a Stripe delivery is verified: over its raw body, against the time it arrived.
 * A failed check is counted (in memory) and answered 400; a verified event goes to the door.
 */
export async function receiveStripeDelivery(
  container: MedusaContainer,
  delivery: WebhookDelivery,
  receivedAt: Date
): Promise<DeliveryAnswer> {
  let event: Stripe.Event
  try {
    const { rawBody, signature } = signedDelivery(delivery)
    event = stripeGateway(container).webhooks.verify(rawBody, signature, receivedAt)
  } catch (error) {
    if (!(error instanceof MedusaError) || error.type !== MedusaError.Types.INVALID_DATA) throw error
    await noteSignatureFailure(container, error.message)
    return { status: 400, body: { type: "invalid_data", message: error.message } }
  }

  await noteVerifiedDelivery(container)
  const outcome = await acceptStripeEvent(event, receivedAt, eventDoor(container))
  doorCounts[outcome.status]++
  container.resolve(ContainerRegistrationKeys.LOGGER).debug(`stripe-collect: Stripe event ${event.id} (${event.type}) ${describe(outcome)}`)
  return { status: 200, body: { received: true, outcome: outcome.status } }
}

function describe(outcome: DoorOutcome): string {
  switch (outcome.status) {
    case "queued":
      return "queued"
    case "duplicate":
      return "already handled: ignored"
    case "other_account":
      return `is about account ${outcome.account}, which this shop never used: ignored`
  }
}
