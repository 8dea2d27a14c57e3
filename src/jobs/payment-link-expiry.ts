import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { STRIPE_COLLECT_MODULE } from "../modules/stripe-collect"
import type StripeCollectModuleService from "../modules/stripe-collect/service"
import { cancelPaymentLink } from "../payment-links/cancel-payment-link"

/** Expires links past their date. (Their reminders, the one before expiry included, are the reminder job's.) */
export default async function paymentLinkExpiryJob(container: MedusaContainer, now: Date = new Date()) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const service = container.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)
  const due = await service.listPaymentLinks({ status: ["sent", "viewed"], expires_at: { $lte: now } }, { take: 500 })
  for (const link of due) {
    await cancelPaymentLink(container, link.id, "expired").catch((error) =>
      logger.warn(`stripe-collect: could not expire payment link ${link.id}: ${error.message}`)
    )
  }
}

export const config = {
  name: "stripe-collect-payment-link-expiry",
  schedule: "17 * * * *",
}
