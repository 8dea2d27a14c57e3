import type { MedusaResponse } from "@medusajs/framework/http"
import type { LimitVerdict } from "../../../../rate-limits/limits"

/** 429 for a link emailed too often by hand (Resend, Send reminder), saying how long to wait. */
export function sendTooManyEmails(res: MedusaResponse, verdict: Extract<LimitVerdict, { allowed: false }>, what: string) {
  const minutes = Math.max(1, Math.ceil(verdict.retryAfterSeconds / 60))
  res.setHeader("Retry-After", String(verdict.retryAfterSeconds))
  return res.status(429).json({
    type: "too_many_requests",
    code: "too_many_requests",
    message: `${what} ${verdict.limit.max} times in the last hour. Wait ${minutes} minute${minutes === 1 ? "" : "s"} before sending it again, so the customer is not flooded with emails.`,
    retry_after: verdict.retryAfterSeconds,
  })
}
