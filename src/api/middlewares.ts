import { defineMiddlewares } from "@medusajs/framework/http"
import type { MiddlewareRoute } from "@medusajs/framework/http"
import { settingsMiddlewares } from "./admin/stripe-collect/settings/middlewares"
import { orderMiddlewares } from "./admin/stripe-collect/orders/middlewares"
import { hookMiddlewares } from "./hooks/middlewares"

// Each area of the API keeps its validators and middlewares beside its routes; this file only wires them.
const routes: MiddlewareRoute[] = [
  ...settingsMiddlewares,
  ...orderMiddlewares,
  ...hookMiddlewares,
]

export default defineMiddlewares({ routes })
