import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { chargeOrderCard } from "../../../../../../charges/charge-order-card"
import { loadOrderPaymentState } from "../../../../../../orders/order-payment-state"
import { sendCollectError } from "../../../../../utils/send-collect-error"
import { IdempotencyKeyHeader, type PostOrderChargeType } from "../../validators"

// Charge card: takes (part of) the outstanding amount from a card, exactly once per Idempotency-Key.
export async function POST(req: AuthenticatedMedusaRequest<PostOrderChargeType>, res: MedusaResponse) {
  const header = req.get("idempotency-key")
  let requestKey: string | undefined
  if (header !== undefined) {
    const parsed = IdempotencyKeyHeader.safeParse(header)
    if (!parsed.success) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, parsed.error.issues[0].message)
    }
    requestKey = parsed.data
  }
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
