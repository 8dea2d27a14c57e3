import { MedusaError } from "@medusajs/framework/utils"
import type { ErrorResponse } from "resend"

// Resend answers these when the same request may succeed a moment later.
const TRANSIENT_STATUSES = new Set([409, 429, 500, 502, 503, 504])

/** True when retrying the same request (same idempotency key) can succeed. */
export function isTransientResendError(error: ErrorResponse): boolean {
  // statusCode null: the request never got an answer (network error, DNS, refused connection).
  return error.statusCode === null || TRANSIENT_STATUSES.has(error.statusCode)
}

function medusaErrorType(error: ErrorResponse): string {
  switch (error.statusCode) {
    case 400:
    case 422:
      return MedusaError.Types.INVALID_DATA
    case 401:
    case 403:
      return MedusaError.Types.UNAUTHORIZED
    case 409:
      return MedusaError.Types.CONFLICT
    default:
      return MedusaError.Types.UNEXPECTED_STATE
  }
}

/** Turns Resend's refusal into a MedusaError the notification module records as a failed send. */
export function toMedusaError(error: ErrorResponse, context: { template: string; notificationId?: string }): MedusaError {
  const status = error.statusCode === null ? "no response" : `HTTP ${error.statusCode}`
  const about = context.notificationId ? ` (notification ${context.notificationId})` : ""
  return new MedusaError(
    medusaErrorType(error),
    `Resend did not send the "${context.template}" email${about}: ${error.message} [${error.name}, ${status}]`
  )
}
