import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"

/**
 * Refuses a JSON body that is not an object (`null`, a number, a string) with a 400: the body parser
 * passes them on and the validators would read `null` as "no fields". Found by the reliability suite.
 */
export function refuseNonObjectBody(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const type = String(req.headers["content-type"] ?? "")
  const body: unknown = req.body
  const hasBody = Number(req.headers["content-length"] ?? 0) > 0 || req.headers["transfer-encoding"] !== undefined
  if (type.includes("json") && hasBody && (body === null || typeof body !== "object")) {
    res.status(400).json({ type: "invalid_data", message: "The request body must be a JSON object" })
    return
  }
  next()
}
