import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { sendCollectError } from "../../../../../utils/send-collect-error"
import { resendPaymentLink } from "../../../../../../payment-links/resend-payment-link"
import { publicUrlOf } from "../../../../../utils/public-url"
import { toLinkResponse } from "../../link-response"

// Emails the same link again (same URL: the token is derived, not stored).
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  try {
    const { link, email } = await resendPaymentLink(req.scope, req.params.id, publicUrlOf(req))
    res.json({ payment_link: toLinkResponse(link), email })
  } catch (error) {
    if (!sendCollectError(res, error)) throw error
  }
}
