import { ContainerRegistrationKeys, MathBN, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { InferTypeOf } from "@medusajs/framework/types"
import type PaymentAttempt from "../../../modules/stripe-collect/models/payment-attempt"
import { COLLECTION_ROLE_KEY, isOpenCollection, type OrderBalance } from "../../../orders/order-balance"

export type CollectionForPaymentInput = {
  attempt: InferTypeOf<typeof PaymentAttempt>
  order: OrderBalance
  amount: number
}

type Undo = { created: true; collection_id: string; order_id: string } | { created: false; collection_id: string; amount: number }

/**
 * The payment collection a Stripe payment is recorded on: the payment link's own while it still waits
 * for this money, else a new one of exactly the amount, linked to the order so the capture reaches its totals.
 */
export const collectionForPaymentStep = createStep(
  "stripe-collect-collection-for-payment",
  async ({ attempt, order, amount }: CollectionForPaymentInput, { container }) => {
    const paymentModule = container.resolve(Modules.PAYMENT)
    const linkCollection =
      attempt.flow === "payment_link"
        ? order.payment_collections.find(
            (c) => c.metadata?.payment_link_id === attempt.payment_link_id && isOpenCollection(c) && !c.payments.length
          )
        : undefined
    if (linkCollection) {
      if (!MathBN.eq(linkCollection.amount, amount)) {
        await paymentModule.updatePaymentCollections(linkCollection.id, { amount })
      }
      const undo: Undo = { created: false, collection_id: linkCollection.id, amount: linkCollection.amount }
      return new StepResponse<{ id: string }, Undo>({ id: linkCollection.id }, undo)
    }

    // A charge, or a link paid after its collection was paid or canceled meanwhile (recorded beside it).
    const late = attempt.flow === "payment_link"
    const [collection] = await paymentModule.createPaymentCollections([
      {
        currency_code: order.currency_code,
        amount,
        metadata: {
          [COLLECTION_ROLE_KEY]: late ? "payment_link" : "charge",
          ...(late ? { payment_link_id: attempt.payment_link_id, late_payment: true } : {}),
        },
      },
    ])
    await container.resolve(ContainerRegistrationKeys.LINK).create({
      [Modules.ORDER]: { order_id: order.id },
      [Modules.PAYMENT]: { payment_collection_id: collection.id },
    })
    const undo: Undo = { created: true, collection_id: collection.id, order_id: order.id }
    return new StepResponse<{ id: string }, Undo>({ id: collection.id }, undo)
  },
  async (undo, { container }) => {
    if (!undo) return
    const paymentModule = container.resolve(Modules.PAYMENT)
    if (!undo.created) {
      await paymentModule.updatePaymentCollections(undo.collection_id, { amount: undo.amount })
      return
    }
    await container.resolve(ContainerRegistrationKeys.LINK).dismiss({
      [Modules.ORDER]: { order_id: undo.order_id },
      [Modules.PAYMENT]: { payment_collection_id: undo.collection_id },
    })
    await paymentModule.deletePaymentCollections([undo.collection_id])
  }
)
