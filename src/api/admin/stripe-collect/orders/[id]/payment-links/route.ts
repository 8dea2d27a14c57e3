import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { sendCollectError } from "../../../../../utils/send-collect-error"
import { createPaymentLink } from "../../../../../../payment-links/send-payment-link"
import { publicUrlOf } from "../../../../../utils/public-url"
import type { PostOrderPaymentLinkType } from "../../validators"

// Send payment link: emails the invoice with a link; the URL is in this answer and nowhere else.
export async function POST(req: AuthenticatedMedusaRequest<PostOrderPaymentLinkType>, res: MedusaResponse) {
  try {
    const { payment_link, email } = await createPaymentLink(req.scope, {
      order_id: req.params.id,
      ...req.validatedBody,
      public_url: publicUrlOf(req),
    })
    res.status(201).json({ payment_link, email })
  } catch (error) {
    if (!sendCollectError(res, error)) throw error
  }
}
