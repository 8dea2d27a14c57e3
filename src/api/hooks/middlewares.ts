import type { MiddlewareRoute } from "@medusajs/framework/http"
import { stripeWebhookEntry } from "./stripe-webhook-entry"

export const hookMiddlewares: MiddlewareRoute[] = [
  {
    method: ["POST"],
    matcher: "/hooks/payment/:provider",
    // The signature covers the exact bytes Stripe sent.
    bodyParser: { preserveRawBody: true },
    middlewares: [stripeWebhookEntry],
  },
]
