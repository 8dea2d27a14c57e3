import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { STRIPE_COLLECT_MODULE } from "../modules/stripe-collect"
import type StripeCollectModuleService from "../modules/stripe-collect/service"

/** An order edit changed the order: a changed total issues a new version of its invoice (same number). */
export default async function orderEditConfirmed({ event, container }: SubscriberArgs<{ order_id: string }>) {
  const { data } = await container.resolve(ContainerRegistrationKeys.QUERY).graph({
    entity: "order",
    fields: ["id", "total"],
    filters: { id: event.data.order_id },
  })
  if (!data[0]) return
  await container.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE).reviseInvoice(data[0].id, Number(data[0].total))
}

export const config: SubscriberConfig = {
  event: "order-edit.confirmed",
  context: { subscriberId: "stripe-collect-order-edit-confirmed" },
}
