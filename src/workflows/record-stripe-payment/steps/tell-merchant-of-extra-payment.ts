import { ContainerRegistrationKeys, MathBN } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { OrderBalance } from "../../../orders/order-balance"
import { reportIntegrationError } from "../../../integration-errors/report-integration-error"

export type ExtraPaymentInput = {
  order: OrderBalance
  amount: number
  flow: "admin_charge" | "payment_link"
  payment_link_id: string | null
  payment_intent_id: string
  paid_twice: boolean
}

/**
 * Money Stripe took after the order was settled another way (a lost answer recovered late, a link paid
 * from an old tab) is recorded all the same — and the merchant is emailed to decide about a refund (money for
 * a canceled order is refunded automatically after recording: src/refunds/refund-canceled-order-payment.ts).
 * Last step, best effort: a failed email never undoes a recorded payment.
 */
export const tellMerchantOfExtraPaymentStep = createStep(
  "stripe-collect-tell-merchant-of-extra-payment",
  async (input: ExtraPaymentInput, { container }) => {
    const { order, amount } = input
    const extra = MathBN.gt(amount, order.outstanding)
    // Money for a canceled order is refunded automatically once recorded, and that refund tells the merchant.
    if (order.status === "canceled") return new StepResponse(false)
    if (!extra && !input.paid_twice) return new StepResponse(false)
    const money = `${amount} ${order.currency_code.toUpperCase()}`
    const message =
      input.flow === "admin_charge"
        ? `Stripe took ${money} for order #${order.display_id} (PaymentIntent ${input.payment_intent_id}) after Medusa lost Stripe's answer, and the order was paid another way meanwhile. The payment is recorded on the order.`
        : input.paid_twice
          ? `A customer paid payment link ${input.payment_link_id} a second time (${money}, another Stripe Checkout). The payment is recorded on the order; refund it if it was not wanted.`
          : `A customer paid ${money} by payment link ${input.payment_link_id} after the order's balance was settled another way. The payment is recorded on the order; refund it if it was not wanted.`
    await reportIntegrationError(container, {
      kind: input.flow === "admin_charge" ? "charge_failed" : "payment_link_failed",
      operation: input.flow === "admin_charge" ? "Charge card" : "payment_link_paid",
      order_id: order.id,
      order_display_id: order.display_id,
      message,
      action: "Open the order and refund the extra payment if the customer should not have paid it.",
    }).catch((error: unknown) =>
      container
        .resolve(ContainerRegistrationKeys.LOGGER)
        .warn(`stripe-collect: could not email the merchant about an extra payment on order ${order.id}: ${String(error)}`)
    )
    return new StepResponse(true)
  }
)
