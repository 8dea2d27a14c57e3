import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { cancelOrderLinks } from "../payment-links/cancel-order-links"

/** Medusa canceled an order: its payment links stop taking money (src/payment-links/cancel-order-links.ts). */
export default async function orderCanceled({ event, container }: SubscriberArgs<{ id: string }>) {
  const outcome = await cancelOrderLinks(container, event.data.id)
  // A failure (Stripe unreachable) throws, so the event bus tries again; the pay page already answers 410.
  if (outcome.failed.length) throw new Error(`Could not cancel payment links ${outcome.failed.join(", ")} of order ${event.data.id}`)
}

export const config: SubscriberConfig = {
  event: "order.canceled",
  context: { subscriberId: "stripe-collect-order-canceled" },
}
