import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { loadOrderPaymentState } from "../../../../../../orders/order-payment-state"
import { refundOrderPayment } from "../../../../../../refunds/refund-order-payment"
import { sendCollectError } from "../../../../../utils/send-collect-error"
import type { PostOrderRefundType } from "../../validators"
import { requestIdempotencyKey } from "../../../../../utils/request-idempotency-key"

// Refund (part of) one of the order's Stripe payments, exactly once per Idempotency-Key: 201 refunded,
// 200 a repeat of a finished request, 202 Stripe's answer was lost and the refund is being checked.
export async function POST(req: AuthenticatedMedusaRequest<PostOrderRefundType>, res: MedusaResponse) {
  const requestKey = requestIdempotencyKey(req)
  try {
    const { refund, replayed } = await refundOrderPayment(req.scope, {
      order_id: req.params.id,
      payment_id: req.validatedBody.payment_id,
      amount: req.validatedBody.amount,
      refund_reason_id: req.validatedBody.refund_reason_id ?? null,
      note: req.validatedBody.note ?? null,
      request_key: requestKey,
      actor_id: req.auth_context?.actor_id ?? null,
    })
    const order = await loadOrderPaymentState(req.scope, req.params.id)
    res.status(refund.status === "checking" ? 202 : replayed ? 200 : 201).json({ refund, order, replayed })
  } catch (error) {
    if (!sendCollectError(res, error)) throw error
  }
}
