import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { STRIPE_COLLECT_MODULE } from "../../../../modules/stripe-collect"
import type StripeCollectModuleService from "../../../../modules/stripe-collect/service"
import { checkReturnNonce } from "../../../../payment-links/return-nonce"
import { payPageUrl } from "../../../../payment-links/token"
import { answerCheckoutReturn } from "../../pay/checkout-return"
import { renderNoticePage } from "../../pay/pay-page"
import { sendPage, sendUnknownLink } from "../../pay/responses"

/**
 * Where Stripe Checkout sends the customer back (success_url, and cancel_url with `canceled=1`). The path
 * carries a return nonce, not the link's token: valid 24 hours after the session, then it shows nothing.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const check = checkReturnNonce(req.scope, req.params.nonce)
  if (check.status === "invalid") return sendUnknownLink(res)
  if (check.status === "expired") {
    return sendPage(
      res,
      410,
      renderNoticePage({
        title: "This page has expired",
        text: "Please open the payment link from your email to see your invoice and what is still due.",
      })
    )
  }
  const service = req.scope.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)
  const [link] = await service.listPaymentLinks({ id: check.link_id }, { take: 1 })
  if (!link) return sendUnknownLink(res)

  const payPage = payPageUrl(req.scope, "", link.token_nonce)
  // Back from Checkout without paying: the invoice again, as before the press.
  if (req.query.canceled === "1") {
    res.setHeader("Cache-Control", "no-store")
    res.setHeader("Referrer-Policy", "no-referrer")
    return res.redirect(303, payPage)
  }
  return answerCheckoutReturn(req, res, link, payPage)
}

export const AUTHENTICATE = false
