import type Stripe from "stripe"
import { HANDLERS_BY_OBJECT } from "./handlers"
import type { StripeEventReceived } from "./stripe-event-received"
import { ignored, type EventOutcome, type StripeEventContext } from "./types"

/**
 * Handles one verified Stripe event: the handler of its object type decides, and the event's row says
 * how it ended. A thrown error marks the row failed and is thrown again, so the event bus retries.
 */
export async function handleStripeEvent(received: StripeEventReceived, context: StripeEventContext): Promise<EventOutcome> {
  const { event, event_row_id } = received
  const objectType = objectTypeOf(event)
  const handler = HANDLERS_BY_OBJECT.get(objectType)
  let outcome: EventOutcome
  try {
    outcome = handler ? await handler(event, context) : ignored(`${objectType} events are not handled`)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    await context.events.finishStripeEvent(event_row_id, "failed", message).catch(() => undefined)
    throw error
  }
  await context.events.finishStripeEvent(event_row_id, outcome.status, outcome.outcome)
  return outcome
}

function objectTypeOf(event: Stripe.Event): string {
  const object = event.data.object
  return "object" in object && typeof object.object === "string" ? object.object : "unknown"
}
