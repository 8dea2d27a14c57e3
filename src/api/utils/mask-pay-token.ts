import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { maskPayTokens } from "../../payment-links/token"

/**
 * Medusa's request log writes `req.originalUrl` when the response is done: the pay token in it is masked
 * as soon as the request reaches the plugin. Routing reads `req.url` and the handlers `req.params`, so
 * nothing else changes.
 */
export function maskPayTokenInRequestLog(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  req.originalUrl = maskPayTokens(req.originalUrl)
  next()
}
