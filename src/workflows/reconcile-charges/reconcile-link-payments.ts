import type Stripe from "stripe"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { STRIPE_COLLECT_MODULE } from "../../modules/stripe-collect"
import type StripeCollectModuleService from "../../modules/stripe-collect/service"
import { FLOW_KEY } from "../../providers/stripe-collect/metadata"
import { fromMinorUnitsToNumber } from "../../stripe/money"
import { getStripeAccountId } from "../connect-stripe-account/get-stripe-account-id"
import { stripeAccess } from "../connect-stripe-account/stripe-access"
import { reportIntegrationError } from "../report-integration-error"
import { settlePaymentLink } from "../settle-payment-link/settle-payment-link"

// A scan of a very busy account stops after 100 pages of 100.
const MAX_SESSIONS = 10_000

export type LinkReconcileSummary = {
  /** Paid Checkout Sessions of payment links read from Stripe. */
  checked: number
  /** Paid at Stripe, missing in Medusa, recorded now. */
  recorded: number
  /** Paid at Stripe but could not be recorded (the merchant is emailed). */
  failed: number
}

/**
 * Payment links are settled by the customer's return or Stripe's webhook; when both were lost (the
 * customer closed the tab, the webhook failed), this records every paid Checkout Session since a moment.
 */
export async function reconcileLinkPayments(container: MedusaContainer, { since }: { since: Date }): Promise<LinkReconcileSummary> {
  const { stripe } = stripeAccess(container)
  const stripeAccount = await getStripeAccountId(container)
  const sessions = await stripe.checkout.sessions
    .list({ created: { gte: Math.floor(since.getTime() / 1000) }, limit: 100 }, stripeAccount ? { stripeAccount } : undefined)
    .autoPagingToArray({ limit: MAX_SESSIONS })
  const paid = sessions.filter(
    (cs) => cs.metadata?.[FLOW_KEY] === "payment_link" && cs.metadata.payment_link_id && cs.payment_status === "paid"
  )
  const summary: LinkReconcileSummary = { checked: paid.length, recorded: 0, failed: 0 }
  const service = container.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)

  for (const session of paid.reverse()) {
    const [link] = await service.listPaymentLinks({ id: session.metadata!.payment_link_id }, { take: 1 })
    // Another store's link on the same Stripe account, or this very payment recorded already.
    if (!link || (link.status === "paid" && link.checkout_session_id === session.id)) continue
    try {
      const outcome = await settlePaymentLink(container, { link_id: link.id, checkout_session: session, source: "reconciliation" })
      if (outcome.status === "paid" && !outcome.already) summary.recorded++
    } catch (error) {
      summary.failed++
      await reportLinkNotRecorded(container, session, link.order_id, error)
    }
  }
  return summary
}

async function reportLinkNotRecorded(container: MedusaContainer, session: Stripe.Checkout.Session, orderId: string, error: unknown) {
  const reason = error instanceof Error ? error.message : String(error)
  container
    .resolve(ContainerRegistrationKeys.LOGGER)
    .error(`stripe-collect: could not record Checkout Session ${session.id} of order ${orderId}: ${reason}`)
  await reportIntegrationError(container, {
    kind: "payment_not_recorded",
    operation: "Payment link",
    order_id: orderId,
    message: `A customer paid ${fromMinorUnitsToNumber(session.amount_total ?? 0, session.currency ?? "usd")} ${(session.currency ?? "").toUpperCase()} by payment link (Checkout Session ${session.id}) but Medusa could not record it: ${reason}`,
  })
}
