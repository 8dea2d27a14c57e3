import { validateAndTransformBody, type MiddlewareRoute } from "@medusajs/framework/http"
import { ReconcileChargesBody } from "./validators"

export const reconcileMiddlewares: MiddlewareRoute[] = [
  {
    method: ["POST"],
    matcher: "/admin/stripe-collect/reconcile",
    middlewares: [validateAndTransformBody(ReconcileChargesBody)],
  },
]
