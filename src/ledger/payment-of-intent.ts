import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import type Stripe from "stripe"
import { STRIPE_COLLECT_MODULE } from "../modules/stripe-collect"
import { UNSETTLED_STATUSES } from "../modules/stripe-collect/ledger"
import type StripeCollectModuleService from "../modules/stripe-collect/service"

/** A Medusa payment of our provider, with the order it pays. */
export type PaymentInLedger = {
  payment_id: string
  order_id: string
  currency_code: string
  stripe_account: string | null
}

const OUR_PROVIDER_PREFIX = "pp_stripe-collect_"

/**
 * The Medusa payment a Stripe PaymentIntent was recorded as, found only through records our server
 * wrote: the ledger's recorded attempt (admin charge, link), or a storefront payment session of our
 * provider that itself saved this PaymentIntent. Undefined for anyone else's payment; throws (to be tried
 * again) for one of ours not recorded yet.
 */
export async function paymentOfIntent(
  container: MedusaContainer,
  intent: Pick<Stripe.PaymentIntent, "id" | "metadata">,
  account: string | undefined
): Promise<PaymentInLedger | undefined> {
  const ledger = container.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)
  const attempt = await ledger.attemptFor({ payment_intent_id: intent.id })
  if (attempt) {
    if ((attempt.stripe_account ?? undefined) !== account) return undefined
    if (attempt.status !== "recorded" || !attempt.payment_id) {
      // Ours, but its money is not recorded yet (an event that overtook it): try again later.
      if (UNSETTLED_STATUSES.includes(attempt.status)) {
        throw new MedusaError(MedusaError.Types.CONFLICT, `PaymentIntent ${intent.id} is not recorded in Medusa yet`)
      }
      return undefined
    }
    return {
      payment_id: attempt.payment_id,
      order_id: attempt.order_id,
      currency_code: attempt.currency_code,
      stripe_account: attempt.stripe_account ?? null,
    }
  }
  // A storefront checkout: the session the PaymentIntent names must be ours and have made it.
  const sessionId = intent.metadata?.session_id
  if (!sessionId) return undefined
  const payments = container.resolve(Modules.PAYMENT)
  const [session] = await payments.listPaymentSessions({ id: sessionId }, { select: ["id", "provider_id", "data"], take: 1 })
  if (!session?.provider_id.startsWith(OUR_PROVIDER_PREFIX)) return undefined
  if (session.data?.payment_intent_id !== intent.id) return undefined
  if (((session.data?.stripe_account as string | null | undefined) ?? undefined) !== account) return undefined
  const [payment] = await payments.listPayments(
    { payment_session_id: session.id },
    { select: ["id", "currency_code", "payment_collection_id"], take: 1 }
  )
  if (!payment) return undefined
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order_payment_collection",
    fields: ["order_id"],
    filters: { payment_collection_id: payment.payment_collection_id },
  })
  const orderId = (data[0] as { order_id?: string } | undefined)?.order_id
  if (!orderId) return undefined
  return { payment_id: payment.id, order_id: orderId, currency_code: payment.currency_code, stripe_account: account ?? null }
}
