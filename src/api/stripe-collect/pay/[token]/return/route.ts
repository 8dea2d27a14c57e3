import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { stripeAccess } from "../../../../../workflows/connect-stripe-account/stripe-access"
import { getStripeAccountId } from "../../../../../workflows/connect-stripe-account/get-stripe-account-id"
import { findLinkByToken } from "../../../../../payment-links/find-link"
import { loadInvoice } from "../../../../../payment-links/invoice"
import { settlePaymentLink } from "../../../../../workflows/settle-payment-link/settle-payment-link"
import { formatMoney, renderNoticePage } from "../../pay-page"
import { sendPage, sendUnknownLink } from "../../responses"
import { stripeErrorDetails } from "../../../../../stripe/errors"

// Back from Stripe Checkout: read the session from Stripe and record the payment (once), then thank.
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const link = await findLinkByToken(req.scope, req.params.token)
  if (!link) return sendUnknownLink(res)

  const payAgain = { href: req.originalUrl.split("?")[0].replace(/\/return$/, ""), label: "Try again" }
  const sessionId = typeof req.query.session_id === "string" ? req.query.session_id : ""
  const invoice = await loadInvoice(req.scope, link.order_id)
  // Only sessions this link created count; any other id is ignored.
  const known = sessionId && sessionId === link.checkout_session_id
  if (!known && link.status !== "paid") {
    return sendPage(res, 400, renderNoticePage({ invoice, title: "We could not find this payment", text: "Please try paying again.", action: payAgain }))
  }
  if (link.status === "paid") {
    return sendPage(
      res,
      200,
      renderNoticePage({ invoice, title: "Thank you — payment received", text: `You paid ${formatMoney(Number(link.amount), link.currency_code)}.` })
    )
  }
  const { stripe } = stripeAccess(req.scope)
  const stripeAccount = await getStripeAccountId(req.scope)
  let outcome: Awaited<ReturnType<typeof settlePaymentLink>>
  try {
    const session = await stripe.checkout.sessions.retrieve(sessionId, {}, { stripeAccount })
    outcome = await settlePaymentLink(req.scope, { link_id: link.id, checkout_session: session, source: "return" })
  } catch (error) {
    if (!stripeErrorDetails(error)) throw error
    // The customer may well have paid: Stripe's webhook or the reconciliation job records it without them.
    return sendPage(
      res,
      502,
      renderNoticePage({
        invoice,
        title: "We are confirming your payment",
        text: "Stripe did not answer us just now. If your card was charged, the payment is recorded automatically — please do not pay again. Reload this page in a minute to see it.",
      })
    )
  }
  if (outcome.status !== "paid") {
    return sendPage(
      res,
      200,
      renderNoticePage({ invoice, title: "Payment not completed", text: "Your card was not charged. You can try again.", action: payAgain })
    )
  }
  const after = await loadInvoice(req.scope, link.order_id)
  sendPage(
    res,
    200,
    renderNoticePage({
      invoice: after,
      title: "Thank you — payment received",
      text: `You paid ${formatMoney(outcome.amount, outcome.currency_code)}.${after.outstanding > 0 ? ` Still outstanding on this order: ${formatMoney(after.outstanding, after.currency_code)}.` : " This order is now paid in full."}`,
    })
  )
}

export const AUTHENTICATE = false
