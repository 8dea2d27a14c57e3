import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { STRIPE_COLLECT_MODULE } from "../../../../modules/stripe-collect"
import type StripeCollectModuleService from "../../../../modules/stripe-collect/service"
import { findLinkByToken, linkState } from "../../../../payment-links/find-link"
import { loadInvoice } from "../../../../payment-links/invoice"
import { readLinkPaymentMethods } from "../../../../payment-links/link-payment-methods"
import { amountDueByLink, openLinkCheckout } from "../../../../payment-links/open-link-checkout"
import { publicUrlOf } from "../../../utils/public-url"
import { payPagePath } from "../../../../payment-links/token"
import { renderPayPage } from "../pay-page"
import { sendPage, sendUnknownLink, stateNotice, stripeUnavailableNotice, tooManyPressesNotice } from "../responses"
import { checkRateLimits, PAY_PRESSES_PER_ADDRESS, PAY_PRESSES_PER_LINK } from "../../../../rate-limits/limits"
import { clientAddress } from "../../../../rate-limits/client-address"
import type { Invoice } from "../../../../payment-links/invoice"
import { stripeErrorDetails } from "../../../../stripe/errors"
import { readStoreCalendar } from "../../../../payment-links/store-calendar"
import { isPastDue } from "../../../../payment-links/due-dates"

// The customer's pay page: the invoice and a Pay button saying how they can pay. Public: the token is the key.
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const link = await findLinkByToken(req.scope, req.params.token)
  if (!link) return sendUnknownLink(res)

  const invoice = await loadInvoice(req.scope, link.order_id)
  const own = linkState(link)
  // A canceled order's links are canceled too (a subscriber does it moments later; the page need not wait).
  const state = own !== "paid" && invoice.order_canceled ? "canceled" : own
  if (state !== "open") return sendPage(res, state === "paid" ? 200 : 410, stateNotice(state, invoice))
  if (!(invoice.outstanding > 0)) return sendPage(res, 200, stateNotice("order_paid", invoice))

  const [methods, calendar] = await Promise.all([readLinkPaymentMethods(req.scope), readStoreCalendar(req.scope)])
  if (link.status === "sent") {
    await req.scope.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE).markLinkViewed(link.id)
  }
  sendPage(
    res,
    200,
    renderPayPage({
      invoice,
      amount_due: amountDueByLink(Number(link.amount), invoice.outstanding),
      message: link.message,
      expires_at: link.expires_at,
      due_date: link.due_date,
      terms: link.terms,
      overdue: isPastDue(link.due_date, new Date(), calendar.time_zone),
      action: payPagePath(req.params.token),
      payment_methods: methods.methods,
    })
  )
}

// Pay: a fresh Stripe Checkout Session for what is still owed, then 303 to it.
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  // Each press costs Stripe calls and the order's lock: limited per client address (before any lookup) and per link.
  const address = clientAddress(req)
  const byAddress = address ? await checkRateLimits(req.scope, [{ limit: PAY_PRESSES_PER_ADDRESS, key: address }]) : null
  if (byAddress && !byAddress.allowed) return sendTooMany(res, byAddress.retryAfterSeconds)
  const link = await findLinkByToken(req.scope, req.params.token)
  if (!link) return sendUnknownLink(res)
  const byLink = await checkRateLimits(req.scope, [{ limit: PAY_PRESSES_PER_LINK, key: link.id }])
  if (!byLink.allowed) return sendTooMany(res, byLink.retryAfterSeconds, await loadInvoice(req.scope, link.order_id))

  let outcome: Awaited<ReturnType<typeof openLinkCheckout>>
  try {
    outcome = await openLinkCheckout(req.scope, { link, public_url: publicUrlOf(req) })
  } catch (error) {
    const stripe = stripeErrorDetails(error)
    if (!stripe) throw error
    // A page the customer can act on, not an API error: nothing was charged, pressing again is safe.
    const invoice = await loadInvoice(req.scope, link.order_id)
    return sendPage(res, stripe.kind === "rate_limited" ? 503 : 502, stripeUnavailableNotice(invoice, payPagePath(req.params.token)))
  }
  if (outcome.status === "redirect") {
    res.setHeader("Cache-Control", "no-store")
    return res.redirect(303, outcome.url)
  }
  const invoice = await loadInvoice(req.scope, link.order_id)
  const status = outcome.status === "canceled" || outcome.status === "expired" ? 410 : outcome.status === "closed" ? 409 : 200
  sendPage(res, status, stateNotice(outcome.status, invoice))
}

function sendTooMany(res: MedusaResponse, retryAfterSeconds: number, invoice?: Invoice) {
  res.setHeader("Retry-After", String(retryAfterSeconds))
  sendPage(res, 429, tooManyPressesNotice(invoice, retryAfterSeconds))
}

export const AUTHENTICATE = false
