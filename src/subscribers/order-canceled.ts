import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { STRIPE_COLLECT_MODULE } from "../modules/stripe-collect"
import type StripeCollectModuleService from "../modules/stripe-collect/service"
import { cancelOrderLinks } from "../payment-links/cancel-order-links"

/** Medusa canceled an order: its invoice is void (it keeps its number) and its payment links stop taking money. */
export default async function orderCanceled({ event, container }: SubscriberArgs<{ id: string }>) {
  await container.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE).voidInvoice(event.data.id)
  const outcome = await cancelOrderLinks(container, event.data.id)
  // A failure (Stripe unreachable) throws, so the event bus tries again; the pay page already answers 410.
  if (outcome.failed.length) throw new Error(`Could not cancel payment links ${outcome.failed.join(", ")} of order ${event.data.id}`)
}

export const config: SubscriberConfig = {
  event: "order.canceled",
  context: { subscriberId: "stripe-collect-order-canceled" },
}
