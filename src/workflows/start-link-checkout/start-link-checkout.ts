import { MathBN, Modules } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { STRIPE_COLLECT_MODULE } from "../../modules/stripe-collect"
import type StripeCollectModuleService from "../../modules/stripe-collect/service"
import { toMinorUnits } from "../../stripe/money"
import { toMedusaError } from "../../stripe/errors"
import { orderLockKey } from "../charge-order-card/charge-details"
import { expireLinkCheckout } from "../../payment-links/expire-link-checkout"
import { getStripeAccountId } from "../connect-stripe-account/get-stripe-account-id"
import { stripeAccess } from "../connect-stripe-account/stripe-access"
import { loadOrderBalance } from "../../orders/order-balance"
import { linkState, type PaymentLinkRecord } from "../../payment-links/find-link"
import { storeName } from "../../payment-links/invoice"

/** Checkout Sessions live 30 minutes to 24 hours; ours 45 minutes: long enough to pay, short enough to re-check. */
const CHECKOUT_MINUTES = 45
/**
 * Presses within one ten-minute window send Stripe the very same request (same key, same expiry), so
 * a press whose answer was lost gets the Checkout Session Stripe made for it instead of a refusal.
 */
const RETRY_WINDOW_S = 10 * 60

export type LinkCheckout =
  | { status: "redirect"; url: string; amount: number }
  | { status: "paid" | "order_paid" | "canceled" | "expired" | "closed" }

/** What the link asks for now: its amount, capped at what the order still owes. */
export function amountDueByLink(linkAmount: number, outstanding: number): number {
  return MathBN.min(linkAmount, outstanding).toNumber()
}

/**
 * One press of "Pay": re-checks the order and the link, then creates a fresh Stripe Checkout
 * Session for what is still owed (never more than the link's amount) and returns where to send
 * the customer. The link's own URL lives for weeks; each Checkout Session for 45 minutes.
 */
export async function startLinkCheckout(
  container: MedusaContainer,
  { link, return_url, cancel_url }: { link: PaymentLinkRecord; return_url: string; cancel_url: string }
): Promise<LinkCheckout> {
  const service = container.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)
  const locking = container.resolve(Modules.LOCKING)

  return locking.execute(
    orderLockKey(link.order_id),
    async (): Promise<LinkCheckout> => {
      const current = await service.retrievePaymentLink(link.id)
      const state = linkState(current)
      if (state !== "open") return { status: state }

      const order = await loadOrderBalance(container, current.order_id)
      if (!(order.outstanding > 0)) return { status: "order_paid" }

      const paymentModule = container.resolve(Modules.PAYMENT)
      const collection = current.payment_collection_id
        ? await paymentModule.retrievePaymentCollection(current.payment_collection_id, {
            relations: ["payment_sessions"],
          })
        : null
      const session = collection?.payment_sessions?.[0]
      if (!collection || !session || ["canceled", "completed"].includes(collection.status)) {
        // The admin marked the link's collection as paid (or canceled it) in Medusa's own section.
        return { status: "closed" }
      }

      // One payable Checkout per link: an earlier press's session (another tab) is closed before a new one
      // opens; if it was paid meanwhile, the customer is sent to the return page, which records it.
      const previous = await expireLinkCheckout(container, current).catch((error) => {
        throw toMedusaError(error, "open Stripe Checkout")
      })
      if (previous === "complete") {
        const paidSession = encodeURIComponent(current.checkout_session_id!)
        return { status: "redirect", url: `${return_url}?session_id=${paidSession}`, amount: Number(current.amount) }
      }

      const amount = amountDueByLink(Number(current.amount), order.outstanding)
      if (!MathBN.eq(amount, collection.amount)) {
        await paymentModule.updatePaymentCollections(collection.id, { amount })
        await paymentModule.updatePaymentSession({
          id: session.id,
          amount,
          currency_code: current.currency_code,
          data: session.data ?? {},
        })
      }

      const { stripe } = stripeAccess(container)
      const stripeAccount = await getStripeAccountId(container)
      const minor = toMinorUnits(amount, current.currency_code)
      const metadata = {
        stripe_collect: "1",
        stripe_collect_flow: "payment_link",
        session_id: session.id,
        order_id: order.id,
        order_display_id: String(order.display_id),
        payment_link_id: current.id,
        payment_collection_id: collection.id,
      }
      const store = await storeName(container)
      const window = Math.floor(Date.now() / 1000 / RETRY_WINDOW_S) * RETRY_WINDOW_S
      let checkout
      try {
        checkout = await stripe.checkout.sessions.create(
          {
            mode: "payment",
            customer_email: current.email,
            line_items: [
              {
                quantity: 1,
                price_data: {
                  currency: current.currency_code,
                  unit_amount: minor,
                  product_data: { name: `${store} — order #${order.display_id}` },
                },
              },
            ],
            metadata,
            payment_intent_data: { metadata, description: `Order #${order.display_id} (payment link)` },
            success_url: `${return_url}?session_id={CHECKOUT_SESSION_ID}`,
            cancel_url,
            // At least 35 minutes from now: Stripe wants 30 minutes to 24 hours.
            expires_at: window + CHECKOUT_MINUTES * 60,
          },
          {
            // A double press before the first answer is stored gets the same session back.
            idempotencyKey: `stripe-collect-link-${current.id}-${current.checkout_session_id ?? "first"}-${minor}-${window}`,
            stripeAccount,
          }
        )
      } catch (error) {
        throw toMedusaError(error, "open Stripe Checkout")
      }
      await service.updatePaymentLinks({ id: current.id, checkout_session_id: checkout.id })
      await paymentModule.updatePaymentSession({
        id: session.id,
        amount,
        currency_code: current.currency_code,
        data: { ...(session.data ?? {}), checkout_session_id: checkout.id, stripe_account: stripeAccount ?? null },
      })
      return { status: "redirect", url: checkout.url!, amount }
    },
    { timeout: 30 }
  )
}
