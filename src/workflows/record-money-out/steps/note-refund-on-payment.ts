import type { IPaymentModuleService, UpdatePaymentDTO } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import {
  REFUND_BEING_RECORDED_KEY,
  REFUND_NOTE_LIFETIME_MS,
  type RefundBeingRecorded,
} from "../../../providers/stripe-collect/refund-being-recorded"
import { asMinorUnits } from "../../../stripe/money"

/**
 * Tells the provider, through the payment's own data, that the refund Medusa is about to write already
 * happened in Stripe (so refundPayment does not call Stripe). The note is taken off again on rollback.
 */
export const noteRefundOnPaymentStep = createStep(
  "stripe-collect-note-refund-on-payment",
  async (input: { payment_id: string; stripe_id: string; amount_minor: number }, { container }) => {
    const payments = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
    const payment = await payments.retrievePayment(input.payment_id, { select: ["id", "data"] })
    const note: RefundBeingRecorded = {
      stripe_id: input.stripe_id,
      amount: asMinorUnits(input.amount_minor),
      until: Date.now() + REFUND_NOTE_LIFETIME_MS,
    }
    await payments.updatePayment(paymentData(payment.id, { ...(payment.data ?? {}), [REFUND_BEING_RECORDED_KEY]: note }))
    return new StepResponse(undefined, payment.id)
  },
  async (paymentId, { container }) => {
    if (!paymentId) return
    const payments = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
    const payment = await payments.retrievePayment(paymentId, { select: ["id", "data"] })
    if (!payment.data?.[REFUND_BEING_RECORDED_KEY]) return
    await payments.updatePayment(paymentData(paymentId, { ...payment.data, [REFUND_BEING_RECORDED_KEY]: null }))
  }
)

/** Medusa's payment module saves `data` on update, though its DTO type names only the id. */
function paymentData(id: string, data: Record<string, unknown>): UpdatePaymentDTO {
  const update: UpdatePaymentDTO & { data: Record<string, unknown> } = { id, data }
  return update
}
