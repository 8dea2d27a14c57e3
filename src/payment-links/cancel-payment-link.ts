import { MedusaError, Modules, PaymentCollectionStatus } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { STRIPE_COLLECT_MODULE } from "../modules/stripe-collect"
import type StripeCollectModuleService from "../modules/stripe-collect/service"
import { orderLockKey } from "../orders/order-lock"
import { expireLinkCheckouts } from "./expire-link-checkout"
import { keepOrderBalance } from "../orders/keep-order-balance"
import { loadOrderBalance } from "../orders/order-balance"
import { recordCheckoutSession } from "../ledger/record-from-stripe"
import { linkState } from "./find-link"

/**
 * The link stops taking money: its open Checkout Session is expired at Stripe, its payment
 * collection canceled, and the order's balance collection grows back to cover the amount.
 */
export async function cancelPaymentLink(
  container: MedusaContainer,
  linkId: string,
  reason: "canceled" | "expired" = "canceled",
  /** Why, on the order's activity (e.g. the order itself was canceled). */
  note?: string
) {
  const service = container.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)
  const first = await service.retrievePaymentLink(linkId)
  return container.resolve(Modules.LOCKING).execute(
    orderLockKey(first.order_id),
    async () => {
      const link = await service.retrievePaymentLink(linkId)
      const state = linkState(link)
      if (state === "paid") {
        throw new MedusaError(MedusaError.Types.CONFLICT, "This payment link has been paid; it cannot be canceled")
      }
      if (state === "processing") {
        throw new MedusaError(
          MedusaError.Types.CONFLICT,
          "A bank payment on this link is processing; it cannot be canceled until the bank has answered (usually 3–5 business days)"
        )
      }
      if (link.status === "canceled" || link.status === "expired") return link

      const checkout = await expireLinkCheckouts(container, link)
      if (checkout.state === "complete") {
        // Paid while it was being canceled: the money is recorded (this holds the order's lock), the link stays paid.
        const order = await loadOrderBalance(container, link.order_id)
        await recordCheckoutSession(container, checkout.attempt, checkout.session, "return", order)
        throw new MedusaError(MedusaError.Types.CONFLICT, "The customer has just paid this payment link; it cannot be canceled")
      }
      if (link.payment_collection_id) {
        const paymentModule = container.resolve(Modules.PAYMENT)
        const collection = await paymentModule.retrievePaymentCollection(link.payment_collection_id)
        if (!["completed", "canceled", "partially_captured"].includes(collection.status)) {
          await paymentModule.updatePaymentCollections(collection.id, { status: PaymentCollectionStatus.CANCELED })
        }
      }
      const now = new Date()
      const updated = await service.updatePaymentLinks({
        id: link.id,
        status: reason,
        ...(reason === "canceled" ? { canceled_at: now } : {}),
      })
      await keepOrderBalance(container, link.order_id)
      await service.createActivities([
        {
          order_id: link.order_id,
          kind: "payment_link",
          status: reason,
          operation: reason === "canceled" ? "cancel_payment_link" : "expire_payment_link",
          amount: Number(link.amount),
          currency_code: link.currency_code,
          payment_link_id: link.id,
          ...(note ? { message: note } : {}),
        },
      ])
      return updated
    },
    { timeout: 60 }
  )
}
