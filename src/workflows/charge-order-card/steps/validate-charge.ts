import { MathBN, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { toMinorUnits, type MinorUnits } from "../../../stripe/money"
import { collectableAmount, type OrderBalance } from "../../../orders/order-balance"

export type ValidateChargeInput = { order: OrderBalance; amount: number }

/**
 * The rules every admin payment on an order obeys: a live order, something owed, an exact amount.
 * Answers the amount in Stripe's minor units (converted once, here).
 */
export function assertPayableAmount(order: OrderBalance, amount: number): MinorUnits {
  if (order.status === "canceled") {
    throw new MedusaError(MedusaError.Types.CONFLICT, `Order #${order.display_id} is canceled; it cannot take payments`)
  }
  if (order.status === "draft") {
    throw new MedusaError(MedusaError.Types.CONFLICT, `Order #${order.display_id} is still a draft; convert it to an order first`)
  }
  if (!(order.outstanding > 0)) {
    throw new MedusaError(MedusaError.Types.CONFLICT, `Order #${order.display_id} has nothing outstanding`)
  }
  const collectable = collectableAmount(order)
  if (!(collectable > 0)) {
    throw new MedusaError(
      MedusaError.Types.CONFLICT,
      `Order #${order.display_id}: the ${order.outstanding} ${order.currency_code.toUpperCase()} outstanding is held by a bank payment that is still processing`
    )
  }
  if (!Number.isFinite(amount) || !(amount > 0)) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `amount must be a positive number (got ${amount})`)
  }
  // Throws naming the amount when it has more decimals than the currency has.
  const minor = toMinorUnits(amount, order.currency_code)
  if (MathBN.gt(amount, collectable)) {
    const held = order.processing
      ? ` (${order.processing} of the ${order.outstanding} outstanding is held by a bank payment that is still processing)`
      : ""
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `amount ${amount} is more than the ${collectable} ${order.currency_code.toUpperCase()} outstanding on order #${order.display_id}${held}`
    )
  }
  return minor
}

export const validateChargeStep = createStep("stripe-collect-validate-charge", async (input: ValidateChargeInput) => {
  return new StepResponse(assertPayableAmount(input.order, input.amount))
})
