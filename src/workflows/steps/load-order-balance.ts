import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { loadOrderBalance, type OrderBalance } from "../../orders/order-balance"

/** The order's balance, read once under its lock; a caller that read it under the same lock passes it in. */
export const loadOrderBalanceStep = createStep(
  "stripe-collect-load-order-balance",
  async (input: { order_id: string; order?: OrderBalance | null; account_holders?: boolean }, { container }) => {
    return new StepResponse(input.order ?? (await loadOrderBalance(container, input.order_id, { accountHolders: input.account_holders })))
  }
)
