import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"

// C0 control characters and DEL: never part of an id or token, and a NUL makes PostgreSQL fail (a 500).
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/

/**
 * Refuses a URL whose path carries control characters (e.g. `%00` in an order id) with a 400, so
 * malformed ids answer "bad input" instead of reaching the database. Found by the reliability suite.
 */
export function refuseControlCharacters(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  let path: string
  try {
    // originalUrl: under a mounted matcher `req.path` is relative and may miss the id.
    path = decodeURIComponent((req.originalUrl ?? req.url).split("?")[0])
  } catch {
    res.status(400).json({ type: "invalid_data", message: "The URL is not valid: it has a malformed percent-encoding" })
    return
  }
  if (CONTROL_CHARACTERS.test(path)) {
    res.status(400).json({ type: "invalid_data", message: "The URL is not valid: ids and tokens cannot contain control characters" })
    return
  }
  next()
}
