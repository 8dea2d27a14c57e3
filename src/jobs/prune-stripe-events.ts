import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { STRIPE_COLLECT_MODULE } from "../modules/stripe-collect"
import type StripeCollectModuleService from "../modules/stripe-collect/service"
import { HANDLED_EVENT_RETENTION_DAYS, pruneHandledStripeEvents } from "../webhooks/prune-stripe-events"

/** Stripe events handled more than 30 days ago have done their job (deduplicating redeliveries): forget them. */
export default async function pruneStripeEventsJob(container: MedusaContainer) {
  const deleted = await pruneHandledStripeEvents(container.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE))
  if (deleted) {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .info(`stripe-collect: forgot ${deleted} Stripe events handled more than ${HANDLED_EVENT_RETENTION_DAYS} days ago`)
  }
}

export const config = {
  name: "stripe-collect-prune-stripe-events",
  schedule: "43 3 * * *",
}
