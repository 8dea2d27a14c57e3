import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { STRIPE_COLLECT_MODULE } from "../modules/stripe-collect"
import type StripeCollectModuleService from "../modules/stripe-collect/service"
import { cancelPaymentLink } from "../payment-links/cancel-payment-link"
import { sendPaymentLinkEmail } from "../payment-links/send-payment-link-email"
import { payPageUrl } from "../payment-links/token"

const DAY = 86_400_000

/** Days before expiry a reminder goes out; STRIPE_COLLECT_LINK_REMINDER_DAYS=0 turns reminders off. */
export function reminderDays(): number {
  const value = Number(process.env.STRIPE_COLLECT_LINK_REMINDER_DAYS ?? 3)
  return Number.isFinite(value) && value >= 0 ? value : 3
}

/** Expires links past their date and sends one reminder to open links about to expire. */
export default async function paymentLinkExpiryJob(container: MedusaContainer) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const service = container.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)
  const now = new Date()

  const open = await service.listPaymentLinks({ status: ["sent", "viewed"] }, { take: 500 })
  for (const link of open) {
    if (new Date(link.expires_at).getTime() <= now.getTime()) {
      await cancelPaymentLink(container, link.id, "expired").catch((error) =>
        logger.warn(`stripe-collect: could not expire payment link ${link.id}: ${error.message}`)
      )
    }
  }

  const days = reminderDays()
  const publicUrl = process.env.STRIPE_COLLECT_PUBLIC_URL ?? process.env.MEDUSA_BACKEND_URL
  if (!days || !publicUrl) return
  for (const link of open) {
    const left = new Date(link.expires_at).getTime() - now.getTime()
    if (link.reminder_sent_at || left <= 0 || left > days * DAY) continue
    const outcome = await sendPaymentLinkEmail(container, {
      link: { ...link, amount: Number(link.amount) },
      pay_url: payPageUrl(container, publicUrl, link.token_nonce),
      kind: "reminder",
    })
    if (outcome.sent) await service.updatePaymentLinks({ id: link.id, reminder_sent_at: now })
  }
}

export const config = {
  name: "stripe-collect-payment-link-expiry",
  schedule: "17 * * * *",
}
