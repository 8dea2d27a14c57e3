import { MathBN, Modules } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { STRIPE_COLLECT_MODULE } from "../modules/stripe-collect"
import { ATTEMPT_METADATA_KEY } from "../modules/stripe-collect/ledger"
import type StripeCollectModuleService from "../modules/stripe-collect/service"
import { collectableAmount, loadOrderBalance } from "../orders/order-balance"
import { orderLockKey } from "../orders/order-lock"
import { stripeCollectMetadata } from "../providers/stripe-collect/metadata"
import { getStripeAccountId } from "../stripe-account/get-stripe-account-id"
import { stripeGateway, stripeSettings } from "../stripe/configured-gateway"
import { toMedusaError } from "../stripe/errors"
import { toMinorUnits } from "../stripe/money"
import { expireLinkCheckouts } from "./expire-link-checkout"
import { linkState, type PaymentLinkRecord } from "./find-link"
import { checkoutCustomerParams } from "./checkout-customer"
import { checkoutPaymentMethodParams, readLinkPaymentMethods } from "./link-payment-methods"
import { storeName } from "./invoice"
import { checkoutReturnPath, makeReturnNonce, RETURN_NONCE_HOURS } from "./return-nonce"

/** Checkout Sessions live 30 minutes to 24 hours; ours 45 minutes: long enough to pay, short enough to re-check. */
const CHECKOUT_MINUTES = 45
/**
 * Presses within one ten-minute window send Stripe the very same request (same key, same expiry), so
 * a press whose answer was lost gets the Checkout Session Stripe made for it instead of a refusal.
 */
const RETRY_WINDOW_S = 10 * 60

export type LinkCheckout =
  { status: "redirect"; url: string; amount: number } | { status: "paid" | "processing" | "order_paid" | "canceled" | "expired" | "closed" }

/** What the link asks for now: its amount, capped at what the order still owes. */
export function amountDueByLink(linkAmount: number, outstanding: number): number {
  return MathBN.min(linkAmount, outstanding).toNumber()
}

/**
 * One press of "Pay": under the order's lock, re-checks the order and the link, closes the link's
 * previous Checkout, writes the new Checkout attempt in the ledger, then opens a Stripe Checkout Session
 * for what is still owed (never more than the link's amount). The link's own URL lives for weeks; each
 * Checkout Session for 45 minutes. Stripe is given a return URL with a return nonce (valid 24 hours after the
 * session), never the link's token.
 */
export async function openLinkCheckout(
  container: MedusaContainer,
  { link, public_url }: { link: PaymentLinkRecord; public_url: string }
): Promise<LinkCheckout> {
  const service = container.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)

  return container.resolve(Modules.LOCKING).execute(
    orderLockKey(link.order_id),
    async (): Promise<LinkCheckout> => {
      const current = await service.retrievePaymentLink(link.id)
      const state = linkState(current)
      if (state !== "open") return { status: state }

      const order = await loadOrderBalance(container, current.order_id)
      if (order.status === "canceled") return { status: "canceled" }
      if (!(order.outstanding > 0)) return { status: "order_paid" }
      // What processing bank debits hold is not asked for again; once they settle, the order is paid or it is not.
      const collectable = collectableAmount(order)
      if (!(collectable > 0)) return { status: "processing" }
      const collection = order.payment_collections.find((c) => c.id === current.payment_collection_id)
      const session = collection?.payment_sessions[0]
      if (!collection || !session || ["canceled", "completed"].includes(collection.status)) {
        // The admin marked the link's collection as paid (or canceled it) in Medusa's own section.
        return { status: "closed" }
      }

      const window = Math.floor(Date.now() / 1000 / RETRY_WINDOW_S) * RETRY_WINDOW_S
      // At least 35 minutes from now: Stripe wants 30 minutes to 24 hours.
      const expiresAt = window + CHECKOUT_MINUTES * 60
      // Derived from the window, so a retried press sends Stripe the very same URLs under the same key.
      const nonce = makeReturnNonce(container, current.id, expiresAt + RETURN_NONCE_HOURS * 3600)
      const return_url = `${public_url.replace(/\/+$/, "")}${checkoutReturnPath(nonce)}`
      const cancel_url = `${return_url}?canceled=1`

      // One payable Checkout per link: an earlier press's session (another tab) is closed before a new one
      // opens; if it was paid meanwhile, the customer is sent to the return page, which records it.
      const previous = await expireLinkCheckouts(container, current).catch((error: unknown) => {
        throw toMedusaError(error, "open Stripe Checkout")
      })
      if (previous.state === "complete") {
        return {
          status: "redirect",
          url: `${return_url}?session_id=${encodeURIComponent(previous.session.id)}`,
          amount: Number(current.amount),
        }
      }

      const amount = amountDueByLink(Number(current.amount), collectable)
      if (!MathBN.eq(amount, collection.amount)) {
        const paymentModule = container.resolve(Modules.PAYMENT)
        await paymentModule.updatePaymentCollections(collection.id, { amount })
        // The provider answers the session's whole data, so it is given the whole data to keep.
        const { data } = await paymentModule.retrievePaymentSession(session.id, { select: ["data"] })
        await paymentModule.updatePaymentSession({ id: session.id, amount, currency_code: current.currency_code, data: data ?? {} })
      }

      const stripeAccount = await getStripeAccountId(container)
      const minor = toMinorUnits(amount, current.currency_code)
      const attempt = await service.beginLinkCheckout({
        order_id: order.id,
        payment_link_id: current.id,
        amount,
        currency_code: current.currency_code,
        stripe_account: stripeAccount ?? null,
        // A double press before the first answer is stored is the same request, answered with the same session.
        attempt_key: `stripe-collect-link-${current.id}-${current.checkout_session_id ?? "first"}-${minor}-${window}`,
        payable_until: new Date(expiresAt * 1000),
      })
      const metadata = stripeCollectMetadata(undefined, {
        stripe_collect_flow: "payment_link",
        order_id: order.id,
        order_display_id: String(order.display_id),
        payment_link_id: current.id,
        [ATTEMPT_METADATA_KEY]: attempt.attempt_key,
      })
      const [store, methods, payer] = await Promise.all([
        storeName(container),
        readLinkPaymentMethods(container),
        checkoutCustomerParams(container, order, current.email, stripeAccount),
      ])
      const checkout = await stripeGateway(container)
        .onAccount(stripeAccount)
        .checkoutSessions.open(
          {
            mode: "payment",
            ...checkoutPaymentMethodParams(methods),
            ...payer,
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
            payment_intent_data: {
              metadata,
              description: `Order #${order.display_id} (payment link)`,
              // The provider's `receipts` option: Stripe emails its receipt (and the plugin's own is off).
              ...(stripeSettings(container).options.receipts ? { receipt_email: current.email } : {}),
            },
            success_url: `${return_url}?session_id={CHECKOUT_SESSION_ID}`,
            cancel_url,
            expires_at: expiresAt,
          },
          attempt.attempt_key
        )
      await service.settleAttempt(attempt.id, {
        status: "open",
        checkout_session_id: checkout.id,
        payable_until: new Date(expiresAt * 1000),
      })
      await service.updatePaymentLinks({ id: current.id, checkout_session_id: checkout.id })
      return { status: "redirect", url: checkout.url!, amount }
    },
    { timeout: 30 }
  )
}
