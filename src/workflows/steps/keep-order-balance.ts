import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { keepOrderBalance, keepOrderBalanceAfterPayment } from "../../orders/keep-order-balance"
import type { OrderBalance } from "../../orders/order-balance"

// Idempotent and re-run after every payment change, so it needs no compensation.
export const keepOrderBalanceStep = createStep("stripe-collect-keep-order-balance", async (input: { order_id: string }, { container }) => {
  return new StepResponse(await keepOrderBalance(container, input.order_id))
})

/** The same right after a payment, from the order read under the lock before it (no second read). */
export const keepOrderBalanceAfterPaymentStep = createStep(
  "stripe-collect-keep-order-balance-after-payment",
  async (input: { order: OrderBalance; payment_collection_id: string; amount: number }, { container }) => {
    return new StepResponse(
      await keepOrderBalanceAfterPayment(container, input.order, {
        payment_collection_id: input.payment_collection_id,
        amount: input.amount,
      })
    )
  }
)
