import type { MedusaNextFunction, MedusaRequest, MedusaResponse, MiddlewareRoute } from "@medusajs/framework/http"
import { disputeBlocksRefund } from "../../../ledger/record-dispute-from-stripe"
import { STRIPE_COLLECT_MODULE } from "../../../modules/stripe-collect"
import type StripeCollectModuleService from "../../../modules/stripe-collect/service"

/**
 * Medusa's order cancel refunds every captured payment, and Stripe refuses to refund a charge with an open
 * dispute: instead of a failed cancel with Stripe's error, the merchant is told why and what to do.
 */
export async function refuseCancelWhileDisputed(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const service = req.scope.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)
  const orderId = req.params.id
  const disputes = orderId ? await service.listDisputes({ order_id: orderId }, { take: 20 }) : []
  const open = disputes.find((d) => disputeBlocksRefund(d.status))
  if (!open) return next()
  res.status(409).json({
    type: "not_allowed",
    code: "payment_disputed",
    message:
      `This order cannot be canceled while its Stripe payment is disputed (${open.stripe_dispute_id}, ${open.status.replace(/_/g, " ")}): ` +
      "canceling refunds the payment, and Stripe does not refund a disputed charge. Respond to the dispute in the Stripe Dashboard; " +
      "once it is decided, cancel the order again (a lost dispute is already recorded as refunded).",
  })
}

export const orderCancelMiddlewares: MiddlewareRoute[] = [
  { method: ["POST"], matcher: "/admin/orders/:id/cancel", middlewares: [refuseCancelWhileDisputed] },
]
