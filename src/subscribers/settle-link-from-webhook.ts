import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { PaymentWebhookEvents } from "@medusajs/framework/utils"
import type Stripe from "stripe"
import { verifyStripeWebhook, type StripeWebhookPayload } from "../providers/stripe-collect/webhooks"
import { getStripeAccountId } from "../workflows/connect-stripe-account/get-stripe-account-id"
import { stripeAccess } from "../workflows/connect-stripe-account/stripe-access"
import { settlePaymentLink } from "../workflows/settle-payment-link/settle-payment-link"
import { STRIPE_COLLECT_MODULE } from "../modules/stripe-collect"
import type StripeCollectModuleService from "../modules/stripe-collect/service"

type WebhookReceived = { provider: string; payload: StripeWebhookPayload }

/** The Checkout Session a link payment's event is about (read from Stripe for PaymentIntent events). */
async function checkoutSessionOf(event: Stripe.Event, stripe: Stripe, stripeAccount?: string) {
  if (event.type === "checkout.session.completed" || event.type === "checkout.session.async_payment_succeeded") {
    return event.data.object
  }
  if (event.type === "payment_intent.succeeded") {
    const { data } = await stripe.checkout.sessions.list({ payment_intent: event.data.object.id, limit: 1 }, { stripeAccount })
    return data[0]
  }
  return undefined
}

/**
 * Payment links settle here (Medusa's own webhook handler ignores them): whichever of the webhook
 * and the customer's return arrives first records the payment, the other finds it done.
 */
export default async function settleLinkFromWebhook({ event, container }: SubscriberArgs<WebhookReceived>) {
  if (!event.data.provider?.startsWith("stripe-collect_")) return
  const payload = event.data.payload
  const { stripe, options } = stripeAccess(container)
  const verified = verifyStripeWebhook(payload, { webhooks: stripe.webhooks, secret: options.webhookSecret })

  const object = verified.data.object as { metadata?: Record<string, string> | null }
  const linkId = object.metadata?.payment_link_id
  if (!linkId || object.metadata?.stripe_collect_flow !== "payment_link") return

  // Events can outlive their link (a test database reset, a deleted link): nothing to settle then.
  const [link] = await container
    .resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)
    .listPaymentLinks({ id: linkId }, { take: 1 })
  if (!link) return
  // Paid already by this very payment (the return page or an earlier delivery): nothing to read from Stripe.
  const objectId = (verified.data.object as { id?: string }).id
  if (link.status === "paid" && (objectId === link.checkout_session_id || objectId === link.payment_intent_id)) return

  const stripeAccount = (verified.account as string | undefined) ?? (await getStripeAccountId(container))
  const session = await checkoutSessionOf(verified, stripe, stripeAccount)
  if (!session || session.metadata?.payment_link_id !== linkId) return
  await settlePaymentLink(container, { link_id: linkId, checkout_session: session, source: "webhook" })
}

export const config: SubscriberConfig = {
  event: PaymentWebhookEvents.WebhookReceived,
  context: { subscriberId: "stripe-collect-settle-payment-link" },
}
