import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { reconcileWithStripe } from "../ledger/reconcile-with-stripe"

/**
 * Records payments Stripe took but Medusa missed (lost answers, a crash, lost webhooks and returns) and
 * settles attempts Stripe never took: Stripe is asked only about the ledger's unsettled attempts.
 */
export default async function reconcileStripeChargesJob(container: MedusaContainer) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  try {
    const summary = await reconcileWithStripe(container)
    if (summary.recorded || summary.failed || summary.not_charged || summary.declined || summary.mismatch) {
      logger.info(`stripe-collect: reconciled with Stripe: ${JSON.stringify(summary)}`)
    }
  } catch (error) {
    logger.warn(`stripe-collect: could not reconcile with Stripe: ${(error as Error).message}`)
  }
}

export const config = {
  name: "stripe-collect-reconcile-charges",
  schedule: "*/10 * * * *",
}
