import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { findLinkByToken } from "../../../../../payment-links/find-link"
import { payPagePath } from "../../../../../payment-links/token"
import { answerCheckoutReturn } from "../../checkout-return"
import { sendUnknownLink } from "../../responses"

// Checkout Sessions opened before return nonces (at most 45 minutes' worth) still come back here.
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const link = await findLinkByToken(req.scope, req.params.token)
  if (!link) return sendUnknownLink(res)
  return answerCheckoutReturn(req, res, link, payPagePath(req.params.token))
}

export const AUTHENTICATE = false
