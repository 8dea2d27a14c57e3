import { defineMiddlewares } from "@medusajs/framework/http"
import type { MiddlewareRoute } from "@medusajs/framework/http"
import { settingsMiddlewares } from "./admin/stripe-collect/settings/middlewares"
import { orderMiddlewares } from "./admin/stripe-collect/orders/middlewares"
import { reconcileMiddlewares } from "./admin/stripe-collect/reconcile/middlewares"
import { hookMiddlewares } from "./hooks/middlewares"
import { orderCancelMiddlewares } from "./admin/orders/middlewares"
import { routePolicies } from "./admin/stripe-collect/route-policies"
import { paymentCollectionMiddlewares } from "./admin/payment-collections/middlewares"
import { refuseControlCharacters } from "./utils/refuse-control-characters"
import { refuseNonObjectBody } from "./utils/refuse-non-object-body"
import { maskPayTokenInRequestLog } from "./utils/mask-pay-token"

// Each area of the API keeps its validators and middlewares beside its routes; this file only wires them.
const routes: MiddlewareRoute[] = [
  // Malformed ids (a NUL in the path) answer 400 before any route reads the database.
  { matcher: "/admin/stripe-collect/*", middlewares: [refuseControlCharacters] },
  { matcher: "/stripe-collect/*", middlewares: [refuseControlCharacters, maskPayTokenInRequestLog] },
  { method: ["POST"], matcher: "/admin/stripe-collect/*", middlewares: [refuseNonObjectBody] },
  // The permission each admin route needs under Medusa's RBAC flag (ignored without it).
  ...routePolicies,
  ...settingsMiddlewares,
  ...orderMiddlewares,
  ...reconcileMiddlewares,
  ...hookMiddlewares,
  ...orderCancelMiddlewares,
  ...paymentCollectionMiddlewares,
]

export default defineMiddlewares({ routes })
