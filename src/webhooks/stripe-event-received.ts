import type Stripe from "stripe"

/**
 * The event the webhook entry puts on Medusa's event bus for each verified Stripe event it has not
 * handled yet (src/subscribers/stripe-event-received.ts takes it from there). Medusa's own
 * `payment.webhook_received` is never emitted for this plugin's provider.
 */
export const STRIPE_EVENT_RECEIVED = "stripe-collect.stripe_event.received"

export type StripeEventReceived = {
  /** Stripe's event as verified at the door (signature, raw body, arrival time): nobody verifies it again. */
  event: Stripe.Event
  /** Our row for the event (`stripe_collect_stripe_event`), finished by whoever handles it. */
  event_row_id: string
  /** When the delivery arrived, ISO 8601 (the bus may carry it as JSON). */
  received_at: string
}

/**
 * How long an event waits in the queue, as Medusa's own webhook route does: the request that made the
 * payment (a storefront completing its cart, an admin charge, a customer back from Checkout) usually
 * records it within moments, and then the event finds it done without asking Stripe.
 */
export const STRIPE_EVENT_QUEUE_DELAY_MS = 5_000

/** Attempts per event on a bus that retries (Redis): a failed handling marks the row failed and throws. */
export const STRIPE_EVENT_ATTEMPTS = 3
