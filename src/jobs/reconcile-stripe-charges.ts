import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { reconcileLinkPayments } from "../workflows/reconcile-charges/reconcile-link-payments"
import { reconcileStripeCharges } from "../workflows/reconcile-charges/reconcile-stripe-charges"

const HOUR = 3_600_000

/** Hours of Stripe history each run compares with Medusa; STRIPE_COLLECT_RECONCILE_HOURS overrides. */
export function reconcileWindowHours(): number {
  const value = Number(process.env.STRIPE_COLLECT_RECONCILE_HOURS ?? 48)
  return Number.isFinite(value) && value > 0 ? value : 48
}

/** Records payments Stripe took but Medusa missed (lost answers, a crash, lost webhooks and returns). */
export default async function reconcileStripeChargesJob(container: MedusaContainer) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const since = new Date(Date.now() - reconcileWindowHours() * HOUR)
  try {
    const summary = await reconcileStripeCharges(container, { since })
    if (summary.recorded || summary.failed || summary.not_charged || summary.declined) {
      logger.info(`stripe-collect: reconciled admin charges with Stripe: ${JSON.stringify(summary)}`)
    }
  } catch (error) {
    logger.warn(`stripe-collect: could not reconcile admin charges with Stripe: ${(error as Error).message}`)
  }
  try {
    const links = await reconcileLinkPayments(container, { since })
    if (links.recorded || links.failed) logger.info(`stripe-collect: reconciled payment links with Stripe: ${JSON.stringify(links)}`)
  } catch (error) {
    logger.warn(`stripe-collect: could not reconcile payment links with Stripe: ${(error as Error).message}`)
  }
}

export const config = {
  name: "stripe-collect-reconcile-charges",
  schedule: "*/10 * * * *",
}
