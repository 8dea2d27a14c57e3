import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { sendCollectError } from "../../../../../utils/send-collect-error"
import { cancelPaymentLink } from "../../../../../../payment-links/cancel-payment-link"
import { toLinkResponse } from "../../link-response"

// The link stops working; the customer sees "canceled" if they open it.
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  try {
    const link = await cancelPaymentLink(req.scope, req.params.id)
    res.json({ payment_link: toLinkResponse(link) })
  } catch (error) {
    if (!sendCollectError(res, error)) throw error
  }
}
