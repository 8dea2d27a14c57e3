import { Modules, ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COLLECTION_ROLE_KEY, type CollectionRole } from "../../orders/order-balance"

export type CreateOrderCollectionInput = {
  order_id: string
  currency_code: string
  amount: number
  role: CollectionRole
  metadata?: Record<string, unknown>
}

/** A payment collection for exactly this payment, linked to the order so captures reach its totals. */
export const createOrderCollectionStep = createStep(
  "stripe-collect-create-order-collection",
  async (input: CreateOrderCollectionInput, { container }) => {
    const paymentModule = container.resolve(Modules.PAYMENT)
    const link = container.resolve(ContainerRegistrationKeys.LINK)
    const [collection] = await paymentModule.createPaymentCollections([
      {
        currency_code: input.currency_code,
        amount: input.amount,
        metadata: { ...input.metadata, [COLLECTION_ROLE_KEY]: input.role },
      },
    ])
    const orderLink = {
      [Modules.ORDER]: { order_id: input.order_id },
      [Modules.PAYMENT]: { payment_collection_id: collection.id },
    }
    await link.create(orderLink)
    return new StepResponse(collection, { collection_id: collection.id, orderLink })
  },
  async (created, { container }) => {
    if (!created) return
    await container.resolve(ContainerRegistrationKeys.LINK).dismiss(created.orderLink)
    await container.resolve(Modules.PAYMENT).deletePaymentCollections([created.collection_id])
  }
)
