import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { STRIPE_COLLECT_MODULE } from "../../../modules/stripe-collect"
import type StripeCollectModuleService from "../../../modules/stripe-collect/service"
import type { PaymentLinkRecord } from "../../../payment-links/find-link"
import { loadInvoice } from "../../../payment-links/invoice"
import { recordCheckoutSessionFromStripe, type StripeRecordingResult } from "../../../ledger/record-from-stripe"
import { formatMoney, renderNoticePage } from "./pay-page"
import { sendPage } from "./responses"
import { stripeErrorDetails } from "../../../stripe/errors"

/**
 * Back from Stripe Checkout to a link: read the session from Stripe and record the payment (once), then thank.
 * `payPage` is where "Try again" leads (the link's pay page).
 */
export async function answerCheckoutReturn(req: MedusaRequest, res: MedusaResponse, link: PaymentLinkRecord, payPage: string) {
  const payAgain = { href: payPage, label: "Try again" }
  // Stripe's Checkout Session ids only: anything else (a NUL, a guess of another shape) is simply unknown.
  const sessionId =
    typeof req.query.session_id === "string" && /^cs_[A-Za-z0-9_]{1,250}$/.test(req.query.session_id) ? req.query.session_id : ""
  const invoice = await loadInvoice(req.scope, link.order_id)
  // Only sessions this link opened count; any other id is ignored.
  const attempt = sessionId
    ? await req.scope.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE).attemptFor({ checkout_session_id: sessionId })
    : undefined
  const known = attempt?.payment_link_id === link.id
  if (!known && link.status !== "paid") {
    return sendPage(
      res,
      400,
      renderNoticePage({ invoice, title: "We could not find this payment", text: "Please try paying again.", action: payAgain })
    )
  }
  if (!known || attempt?.status === "recorded") {
    return sendPage(
      res,
      200,
      renderNoticePage({
        invoice,
        title: "Thank you — payment received",
        text: `You paid ${formatMoney(Number(attempt?.amount ?? link.amount), link.currency_code)}.`,
      })
    )
  }
  let outcome: StripeRecordingResult | "not_confirmed"
  try {
    // Only a Checkout Session this link opened (the ledger has it) is read from Stripe and recorded.
    outcome = await recordCheckoutSessionFromStripe(req.scope, {
      checkout_session_id: sessionId,
      account: attempt!.stripe_account ?? undefined,
      source: "return",
    })
  } catch (error) {
    if (!stripeErrorDetails(error)) throw error
    outcome = "not_confirmed"
  }
  if (outcome === "not_confirmed" || outcome === "mismatch") {
    // The customer may well have paid: Stripe's webhook, the reconciliation job or the merchant sees to it.
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
  if (outcome === "processing") {
    return sendPage(
      res,
      200,
      renderNoticePage({
        invoice,
        title: "Thank you — your payment is processing",
        text: `Your bank payment of ${formatMoney(Number(attempt!.amount), attempt!.currency_code)} was received. Banks take a few business days to confirm it; you will get an email if it does not go through. Please do not pay again.`,
      })
    )
  }
  if (outcome !== "recorded" && outcome !== "already_recorded") {
    return sendPage(
      res,
      200,
      renderNoticePage({
        invoice,
        title: "Payment not completed",
        text:
          outcome === "payment_failed"
            ? "Your bank did not accept the payment; nothing was taken. You can try again."
            : "Your card was not charged. You can try again.",
        action: payAgain,
      })
    )
  }
  const after = await loadInvoice(req.scope, link.order_id)
  sendPage(
    res,
    200,
    renderNoticePage({
      invoice: after,
      title: "Thank you — payment received",
      text: `You paid ${formatMoney(Number(attempt!.amount), attempt!.currency_code)}.${after.outstanding > 0 ? ` Still outstanding on this order: ${formatMoney(after.outstanding, after.currency_code)}.` : " This order is now paid in full."}`,
    })
  )
}
