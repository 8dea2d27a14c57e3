import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { keepOrderBalance } from "../../orders/keep-order-balance"

// Idempotent and re-run after every payment change, so it needs no compensation.
export const keepOrderBalanceStep = createStep(
  "stripe-collect-keep-order-balance",
  async (input: { order_id: string }, { container }) => {
    return new StepResponse(await keepOrderBalance(container, input.order_id))
  }
)
