import type { MedusaNextFunction, MedusaRequest, MedusaResponse, MiddlewareRoute } from "@medusajs/framework/http"
import { STRIPE_COLLECT_MODULE } from "../../../modules/stripe-collect"
import type StripeCollectModuleService from "../../../modules/stripe-collect/service"

/**
 * Medusa's own "Mark as paid" on a payment link's collection while its bank debit is processing would
 * collect the amount twice if the bank then pays: it answers 409 until the bank has answered.
 */
export async function refuseMarkingProcessingPaid(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const ledger = req.scope.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)
  const [processing] = await ledger.listPaymentLinks({ payment_collection_id: req.params.id, status: "processing" }, { take: 1 })
  if (processing) {
    res.status(409).json({
      type: "conflict",
      message:
        "A bank payment for this payment collection is processing at Stripe (usually 3–5 business days). It cannot be marked as paid until the bank has answered.",
    })
    return
  }
  next()
}

export const paymentCollectionMiddlewares: MiddlewareRoute[] = [
  { method: ["POST"], matcher: "/admin/payment-collections/:id/mark-as-paid", middlewares: [refuseMarkingProcessingPaid] },
]
