import { MedusaError } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { STRIPE_COLLECT_MODULE } from "../modules/stripe-collect"
import type StripeCollectModuleService from "../modules/stripe-collect/service"
import { linkState } from "./find-link"
import { sendPaymentLinkEmail } from "./send-payment-link-email"
import { payPageUrl } from "./token"

/** Sends an open link's email again, to the same address, with the same URL. */
export async function resendPaymentLink(container: MedusaContainer, linkId: string, publicUrl: string) {
  const service = container.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)
  const link = await service.retrievePaymentLink(linkId)
  const state = linkState(link)
  if (state !== "open") {
    throw new MedusaError(MedusaError.Types.CONFLICT, `This payment link is ${state}; it cannot be sent again`)
  }
  const email = await sendPaymentLinkEmail(container, {
    link: { ...link, amount: Number(link.amount) },
    pay_url: payPageUrl(container, publicUrl, link.token_nonce),
    kind: "resent",
  })
  await service.createActivities([
    {
      order_id: link.order_id,
      kind: "payment_link",
      status: email.sent ? "emailed" : "email_failed",
      operation: "resend_payment_link",
      amount: Number(link.amount),
      currency_code: link.currency_code,
      payment_link_id: link.id,
      message: email.sent ? `Sent again to ${link.email}` : `Could not email ${link.email}: ${email.error}`,
    },
  ])
  const updated = email.sent ? await service.updatePaymentLinks({ id: link.id, sent_at: new Date() }) : link
  if (!email.sent) {
    throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, `The email to ${link.email} could not be sent: ${email.error}`)
  }
  return { link: updated, email }
}
