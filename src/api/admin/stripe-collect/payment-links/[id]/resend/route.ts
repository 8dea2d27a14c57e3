import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { sendCollectError } from "../../../../../utils/send-collect-error"
import { resendPaymentLink } from "../../../../../../payment-links/resend-payment-link"
import { checkRateLimits, RESENDS_PER_LINK } from "../../../../../../rate-limits/limits"
import { publicUrlOf } from "../../../../../utils/public-url"
import { toLinkResponse } from "../../link-response"

// Emails the same link again (same URL: the token is derived, not stored); at most 5 times an hour per link.
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const verdict = await checkRateLimits(req.scope, [{ limit: RESENDS_PER_LINK, key: req.params.id }])
  if (!verdict.allowed) {
    const minutes = Math.max(1, Math.ceil(verdict.retryAfterSeconds / 60))
    res.setHeader("Retry-After", String(verdict.retryAfterSeconds))
    return res.status(429).json({
      type: "too_many_requests",
      code: "too_many_requests",
      message: `This link was sent ${RESENDS_PER_LINK.max} times in the last hour. Wait ${minutes} minute${minutes === 1 ? "" : "s"} before sending it again, so the customer is not flooded with emails.`,
      retry_after: verdict.retryAfterSeconds,
    })
  }
  try {
    const { link, email } = await resendPaymentLink(req.scope, req.params.id, publicUrlOf(req))
    res.json({ payment_link: toLinkResponse(link), email })
  } catch (error) {
    if (!sendCollectError(res, error)) throw error
  }
}
