import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { chargeOrderCard } from "../../../../../../charges/charge-order-card"
import { loadOrderPaymentState } from "../../../../../../orders/order-payment-state"
import { sendCollectError } from "../../../../../utils/send-collect-error"
import type { PostOrderChargeType } from "../../validators"
import { requestIdempotencyKey } from "../../../../../utils/request-idempotency-key"

// Charge card: takes (part of) the outstanding amount from a card, exactly once per Idempotency-Key.
export async function POST(req: AuthenticatedMedusaRequest<PostOrderChargeType>, res: MedusaResponse) {
  const requestKey = requestIdempotencyKey(req)
  try {
    const { charge, replayed } = await chargeOrderCard(req.scope, {
      order_id: req.params.id,
      amount: req.validatedBody.amount,
      payment_method: req.validatedBody.payment_method,
      save_card: req.validatedBody.save_card ?? false,
      mail_phone_order: req.validatedBody.mail_phone_order ?? false,
      request_key: requestKey,
      actor_id: req.auth_context?.actor_id,
    })
    const order = await loadOrderPaymentState(req.scope, req.params.id)
    res.status(replayed ? 200 : 201).json({ charge, order, replayed })
  } catch (error) {
    if (!sendCollectError(res, error)) throw error
  }
}
