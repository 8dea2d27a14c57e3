import type Stripe from "stripe"
import type { StripeEventArrival, StripeEventReceipt } from "../modules/stripe-collect/service"
import type { StripeEventReceived } from "./stripe-event-received"

/** What the door needs after the signature check; the entry wires it from the container, tests fake it. */
export type EventDoor = {
  /** The account calls are made on (`acct_...`), undefined for the API key's own account or none connected. */
  configuredAccount(): Promise<string | undefined>
  /** Whether the plugin ever made a payment attempt on this account. */
  knowsStripeAccount(account: string): Promise<boolean>
  receiveStripeEvent(arrival: StripeEventArrival): Promise<StripeEventReceipt>
  queue(received: StripeEventReceived): Promise<void>
}

/** What became of a verified event at the door; every outcome is answered 200, so Stripe stops sending it. */
export type DoorOutcome =
  /** New (or earlier handling failed): queued for its handler. */
  | { status: "queued"; event_row_id: string }
  /** An earlier delivery of the same event was handled: nothing to do. */
  | { status: "duplicate"; event_row_id: string }
  /** About a Stripe account the plugin never used: not written, not queued. */
  | { status: "other_account"; account: string }

/** Drops events of other accounts, deduplicates by Stripe's event id and queues the rest. */
export async function acceptStripeEvent(event: Stripe.Event, receivedAt: Date, door: EventDoor): Promise<DoorOutcome> {
  const account = event.account ?? null
  // A Connect platform's endpoint hears every connected account; only ours (or ones we once used) matter.
  if (account && account !== (await door.configuredAccount()) && !(await door.knowsStripeAccount(account))) {
    return { status: "other_account", account }
  }

  const receipt = await door.receiveStripeEvent({
    event_id: event.id,
    type: event.type,
    account,
    object_id: objectIdOf(event),
    received_at: receivedAt,
  })
  if (receipt.handled) return { status: "duplicate", event_row_id: receipt.id }

  await door.queue({ event, event_row_id: receipt.id, received_at: receivedAt.toISOString() })
  return { status: "queued", event_row_id: receipt.id }
}

/** The id of the Stripe object an event is about, when it has one. */
function objectIdOf(event: Stripe.Event): string | null {
  const object = event.data.object
  return "id" in object && typeof object.id === "string" ? object.id : null
}
