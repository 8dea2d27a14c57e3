import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { handleStripeEvent } from "../webhooks/handle-stripe-event"
import { stripeEventContext } from "../webhooks/stripe-event-context"
import { STRIPE_EVENT_RECEIVED, type StripeEventReceived } from "../webhooks/stripe-event-received"

/** Verified Stripe events, queued by the webhook entry: handled in src/webhooks/, nothing here. */
export default async function stripeEventReceived({ event, container }: SubscriberArgs<StripeEventReceived>) {
  await handleStripeEvent(event.data, stripeEventContext(container))
}

export const config: SubscriberConfig = {
  event: STRIPE_EVENT_RECEIVED,
  context: { subscriberId: "stripe-collect-stripe-event-received" },
}
