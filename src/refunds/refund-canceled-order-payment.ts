import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { reportIntegrationError } from "../integration-errors/report-integration-error"
import { idempotencyKey } from "../stripe/idempotency"
import { errorMessage } from "../utils/error-message"
import { refundablePayment, refundOrderPayment, type RefundOutcome } from "./refund-order-payment"

/** Medusa event: a payment was recorded on an order that was already canceled (its data: CanceledOrderPayment). */
export const CANCELED_ORDER_PAID = "stripe_collect.canceled_order_paid"

export type CanceledOrderRefund = "refunded" | "checking" | "nothing_to_refund" | "failed"

export type CanceledOrderPayment = {
  order_id: string
  order_display_id: number | string
  payment_id: string
  payment_intent_id: string
  /** The payment link it was paid by, named in the merchant's email. */
  payment_link_id?: string | null
}

const paidBy = (input: CanceledOrderPayment) =>
  `PaymentIntent ${input.payment_intent_id}${input.payment_link_id ? `, payment link ${input.payment_link_id}` : ""}`

/**
 * Money that reached a canceled order (a Checkout paid moments before the cancel, a bank debit that succeeded
 * later) goes back to the customer: the payment's refundable rest is refunded through the same refund request
 * as the order card's Refund, under one Stripe key per payment (so any repeat is the same refund), and the
 * merchant is emailed what happened. Never throws: the payment stays recorded whatever Stripe answers.
 */
export async function refundCanceledOrderPayment(container: MedusaContainer, input: CanceledOrderPayment): Promise<CanceledOrderRefund> {
  const money = (amount: number, currency: string) => `${amount} ${currency.toUpperCase()}`
  let amount = 0
  let currency = ""
  try {
    const payment = await refundablePayment(container, input.order_id, input.payment_id)
    amount = payment.refundable
    currency = payment.currency_code
    if (amount <= 0) return "nothing_to_refund"
    const { refund }: RefundOutcome = await refundOrderPayment(container, {
      order_id: input.order_id,
      payment_id: input.payment_id,
      amount,
      origin: "canceled_order",
      stripe_key: idempotencyKey("refund-canceled-order", input.payment_id),
    })
    await tell(
      container,
      input,
      refund.status === "refunded"
        ? `Stripe took ${money(amount, currency)} for order #${input.order_display_id} after the order was canceled (${paidBy(input)}). It was refunded to the customer automatically (Stripe refund ${refund.stripe_refund_id}); the order's Stripe activity shows it.`
        : `Stripe took ${money(amount, currency)} for order #${input.order_display_id} after the order was canceled (${paidBy(input)}). A refund was sent to Stripe automatically; Stripe's answer is being checked and the refund is recorded on the order once it is confirmed.`,
      "Nothing to do: check the order's Stripe activity for the refund."
    )
    return refund.status
  } catch (error) {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .warn(`stripe-collect: could not refund payment ${input.payment_id} of canceled order ${input.order_id}: ${errorMessage(error)}`)
    await tell(
      container,
      input,
      `Stripe took ${amount ? money(amount, currency) : "a payment"} for order #${input.order_display_id} after the order was canceled (${paidBy(input)}). The payment is recorded on the order, but refunding it automatically failed: ${errorMessage(error)}`,
      "Open the order and refund this payment from its Stripe card: the order is canceled."
    )
    return "failed"
  }
}

async function tell(container: MedusaContainer, input: CanceledOrderPayment, message: string, action: string) {
  await reportIntegrationError(container, {
    kind: "canceled_order_paid",
    operation: "Refund of a canceled order's payment",
    order_id: input.order_id,
    order_display_id: input.order_display_id,
    stripe_object_id: input.payment_intent_id,
    message,
    action,
  })
}
