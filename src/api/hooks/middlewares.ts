import type { MiddlewareRoute } from "@medusajs/framework/http"
import { verifyStripeCollectWebhook } from "./verify-stripe-webhook"

export const hookMiddlewares: MiddlewareRoute[] = [
  {
    method: ["POST"],
    matcher: "/hooks/payment/:provider",
    bodyParser: { preserveRawBody: true },
    middlewares: [verifyStripeCollectWebhook],
  },
]
