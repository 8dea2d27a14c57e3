import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { loadOrderBalance } from "../../orders/order-balance"

export const loadOrderBalanceStep = createStep(
  "stripe-collect-load-order-balance",
  async (input: { order_id: string }, { container }) => {
    return new StepResponse(await loadOrderBalance(container, input.order_id))
  }
)
