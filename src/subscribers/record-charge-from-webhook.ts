import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { PaymentWebhookEvents } from "@medusajs/framework/utils"
import type Stripe from "stripe"
import { FLOW_KEY } from "../providers/stripe-collect/metadata"
import { UNDECIDED_OUTCOME_CODE } from "../stripe/errors"
import { PENDING_STATUS } from "../workflows/charge-order-card/charge-details"
import { verifyStripeWebhook, type StripeWebhookPayload } from "../providers/stripe-collect/webhooks"
import { getStripeAccountId } from "../workflows/connect-stripe-account/get-stripe-account-id"
import { stripeAccess } from "../workflows/connect-stripe-account/stripe-access"
import { recordStripeCharge } from "../workflows/reconcile-charges/record-stripe-charge"
import { reconcileStripeCharges } from "../workflows/reconcile-charges/reconcile-stripe-charges"
import { STRIPE_COLLECT_MODULE } from "../modules/stripe-collect"
import type StripeCollectModuleService from "../modules/stripe-collect/service"

type WebhookReceived = { provider: string; payload: StripeWebhookPayload }

/**
 * An admin charge is recorded by the request that made it. When that request lost Stripe's answer
 * or Medusa stopped before recording, Stripe's payment_intent.succeeded records it here, once.
 */
export default async function recordChargeFromWebhook({ event, container }: SubscriberArgs<WebhookReceived>) {
  if (!event.data.provider?.startsWith("stripe-collect_")) return
  const { stripe, options } = stripeAccess(container)
  const verified = verifyStripeWebhook(event.data.payload, { webhooks: stripe.webhooks, secret: options.webhookSecret })
  if (verified.type !== "payment_intent.succeeded" && verified.type !== "payment_intent.payment_failed") return
  const sent = verified.data.object as Stripe.PaymentIntent
  if (sent.metadata?.[FLOW_KEY] !== "admin_charge" || !sent.metadata.order_id) return

  const service = container.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)
  if (verified.type === "payment_intent.payment_failed") {
    // A decline whose answer was lost: the attempt's activity shows it instead of "outcome unknown".
    // An ordinary decline was answered and written down by its charge: nothing to ask Stripe.
    const attemptKey = sent.metadata.stripe_collect_attempt
    const [unsettled] = attemptKey
      ? await service.listActivities(
          { kind: "charge", attempt_key: attemptKey, $or: [{ status: PENDING_STATUS }, { failure_code: UNDECIDED_OUTCOME_CODE }] },
          { take: 1 }
        )
      : []
    if (!unsettled) return
    await reconcileStripeCharges(container, {
      order_id: sent.metadata.order_id,
      since: new Date(sent.created * 1000),
      attempt_key: attemptKey,
      source: "webhook",
    })
    return
  }
  // Nearly always the charge recorded itself moments ago: nothing to ask Stripe then.
  const [recorded] = await service.listActivities({ kind: "charge", status: "succeeded", stripe_object_id: sent.id }, { take: 1 })
  if (recorded) return
  // The event may be old or out of order: record what Stripe says now.
  const stripeAccount = (verified.account as string | undefined) ?? (await getStripeAccountId(container))
  const intent = await stripe.paymentIntents.retrieve(sent.id, {}, stripeAccount ? { stripeAccount } : undefined)
  if (intent.status !== "succeeded") return
  await recordStripeCharge(container, intent, "webhook")
}

export const config: SubscriberConfig = {
  event: PaymentWebhookEvents.WebhookReceived,
  context: { subscriberId: "stripe-collect-record-admin-charge" },
}
