import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { reconcileMoneyOut } from "../ledger/reconcile-money-out"
import { reconcileWithStripe } from "../ledger/reconcile-with-stripe"

/**
 * Records payments Stripe took but Medusa missed (lost answers, a crash, lost webhooks and returns) and
 * settles attempts Stripe never took: Stripe is asked only about the ledger's unsettled attempts; then the
 * refund and dispute events since the last run, for webhooks that never came.
 */
export default async function reconcileStripeChargesJob(container: MedusaContainer) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  try {
    const summary = await reconcileWithStripe(container)
    if (summary.recorded || summary.failed || summary.not_charged || summary.declined || summary.mismatch) {
      logger.info(`stripe-collect: reconciled with Stripe: ${JSON.stringify(summary)}`)
    }
    const moneyOut = await reconcileMoneyOut(container, { hours: 48 })
    if (moneyOut.handled || moneyOut.failed)
      logger.info(`stripe-collect: refund and dispute events missed by webhooks: ${JSON.stringify(moneyOut)}`)
  } catch (error) {
    logger.warn(`stripe-collect: could not reconcile with Stripe: ${(error as Error).message}`)
  }
}

export const config = {
  name: "stripe-collect-reconcile-charges",
  schedule: "*/10 * * * *",
}
