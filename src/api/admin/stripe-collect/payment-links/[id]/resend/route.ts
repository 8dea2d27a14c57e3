import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { sendCollectError } from "../../../../../utils/send-collect-error"
import { resendPaymentLink } from "../../../../../../payment-links/resend-payment-link"
import { checkRateLimits, RESENDS_PER_LINK } from "../../../../../../rate-limits/limits"
import { publicUrlOf } from "../../../../../utils/public-url"
import { toLinkResponse } from "../../link-response"
import { sendTooManyEmails } from "../../too-many-emails"

// Emails the same link again (same URL: the token is derived, not stored); at most 5 times an hour per link.
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const verdict = await checkRateLimits(req.scope, [{ limit: RESENDS_PER_LINK, key: req.params.id }])
  if (!verdict.allowed) return sendTooManyEmails(res, verdict, "This link was sent")
  try {
    const { link, email } = await resendPaymentLink(req.scope, req.params.id, publicUrlOf(req))
    res.json({ payment_link: toLinkResponse(link), email })
  } catch (error) {
    if (!sendCollectError(res, error)) throw error
  }
}
