import { validateAndTransformBody, type MiddlewareRoute } from "@medusajs/framework/http"
import { PostOrderCharge, PostOrderInvoice, PostOrderPaymentLink, PostOrderRefund } from "./validators"

export const orderMiddlewares: MiddlewareRoute[] = [
  {
    method: ["POST"],
    matcher: "/admin/stripe-collect/orders/:id/charges",
    middlewares: [validateAndTransformBody(PostOrderCharge)],
  },
  {
    method: ["POST"],
    matcher: "/admin/stripe-collect/orders/:id/payment-links",
    middlewares: [validateAndTransformBody(PostOrderPaymentLink)],
  },
  {
    method: ["POST"],
    matcher: "/admin/stripe-collect/orders/:id/invoice",
    middlewares: [validateAndTransformBody(PostOrderInvoice)],
  },
  {
    method: ["POST"],
    matcher: "/admin/stripe-collect/orders/:id/refunds",
    middlewares: [validateAndTransformBody(PostOrderRefund)],
  },
]
