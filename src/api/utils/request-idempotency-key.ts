import type { MedusaRequest } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { IdempotencyKeyHeader } from "../admin/stripe-collect/orders/validators"

/** The request's optional Idempotency-Key header, checked (400 naming the problem), or undefined without one. */
export function requestIdempotencyKey(req: MedusaRequest): string | undefined {
  const header = req.get("idempotency-key")
  if (header === undefined) return undefined
  const parsed = IdempotencyKeyHeader.safeParse(header)
  if (!parsed.success) throw new MedusaError(MedusaError.Types.INVALID_DATA, parsed.error.issues[0].message)
  return parsed.data
}
