import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { sendCollectError } from "../../../../../utils/send-collect-error"
import { remindPaymentLink } from "../../../../../../payment-links/remind-payment-link"
import { checkRateLimits, REMINDERS_PER_LINK } from "../../../../../../rate-limits/limits"
import { publicUrlOf } from "../../../../../utils/public-url"
import { toLinkResponse } from "../../link-response"
import { sendTooManyEmails } from "../../too-many-emails"

// Send reminder: the same link and invoice, worded as a reminder with its due date; at most 5 an hour per link.
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const verdict = await checkRateLimits(req.scope, [{ limit: REMINDERS_PER_LINK, key: req.params.id }])
  if (!verdict.allowed) return sendTooManyEmails(res, verdict, "A reminder for this link was sent")
  try {
    const { link, email } = await remindPaymentLink(req.scope, req.params.id, publicUrlOf(req))
    res.json({ payment_link: toLinkResponse(link), email })
  } catch (error) {
    if (!sendCollectError(res, error)) throw error
  }
}
