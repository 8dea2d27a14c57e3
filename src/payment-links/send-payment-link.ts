import type { MedusaContainer } from "@medusajs/framework/types"
import { STRIPE_COLLECT_MODULE } from "../modules/stripe-collect"
import type StripeCollectModuleService from "../modules/stripe-collect/service"
import { stripeCollectProviderId } from "../stripe-account/stripe-collect-provider-config"
import { sendPaymentLinkEmail, type EmailOutcome } from "./send-payment-link-email"
import { newLinkToken, payPageUrl } from "./token"
import { readStoreCalendar } from "./store-calendar"
import { createPaymentLinkWorkflow } from "../workflows/create-payment-link"
import type { PaymentLinkRequest } from "../workflows/create-payment-link/steps/validate-payment-link"

export type CreatedPaymentLink = {
  payment_link: {
    id: string
    url: string
    amount: number
    currency_code: string
    email: string
    message: string | null
    status: string
    expires_at: Date
    terms: string | null
    due_date: string | null
    created_at: Date
  }
  email: EmailOutcome
}

/**
 * Creates the link, emails it, and returns its URL. The URL is shown to the admin this once; the
 * database keeps the token's hash and nonce, the notification a redacted copy.
 */
export async function createPaymentLink(
  container: MedusaContainer,
  input: PaymentLinkRequest & { order_id: string; public_url: string }
): Promise<CreatedPaymentLink> {
  const { nonce, token_hash } = newLinkToken(container)
  const { time_zone } = await readStoreCalendar(container)
  const { result } = await createPaymentLinkWorkflow(container).run({
    input: {
      order_id: input.order_id,
      amount: input.amount,
      email: input.email,
      message: input.message,
      expires_at: input.expires_at,
      terms: input.terms,
      due_date: input.due_date,
      time_zone,
      token_hash,
      token_nonce: nonce,
      provider_id: stripeCollectProviderId(container),
    },
  })
  const link = result.link
  const url = payPageUrl(container, input.public_url, nonce)
  const email = await sendPaymentLinkEmail(container, { link: { ...link, amount: Number(link.amount) }, pay_url: url, kind: "sent" })

  const service = container.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)
  await service.createActivities([
    {
      order_id: link.order_id,
      kind: "payment_link",
      status: email.sent ? "emailed" : "email_failed",
      operation: "send_payment_link",
      amount: Number(link.amount),
      currency_code: link.currency_code,
      payment_link_id: link.id,
      message: email.sent ? `Emailed to ${link.email}` : `Could not email ${link.email}: ${email.error}`,
    },
  ])
  if (email.sent) {
    await service.updatePaymentLinks({ id: link.id, sent_at: new Date() })
  }
  return {
    payment_link: {
      id: link.id,
      url,
      amount: Number(link.amount),
      currency_code: link.currency_code,
      email: link.email,
      message: link.message,
      status: link.status,
      expires_at: link.expires_at,
      terms: link.terms,
      due_date: link.due_date,
      created_at: link.created_at,
    },
    email,
  }
}
