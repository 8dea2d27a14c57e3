// The hosted Checkout page at session.url: card form, decline message, 3-D Secure step, redirect to success_url.
//
// Form fields (POST /checkout/:id), for people, Playwright and plain-HTTP tests alike:
//   email          payer's email (only asked when the session has no customer or customer_email)
//   card_number    e.g. 4242 4242 4242 4242 (succeeds), 4000 0000 0000 0002 (declines), 4000 0025 0000 3155 (3-D Secure)
//   card_expiry    "MM / YY" (or exp_month + exp_year)
//   card_cvc       3 or 4 digits
//   billing_name   name on card (optional)
// The 3-D Secure step posts to /checkout/:id/authenticate with action=approve or action=fail.
// Outcomes: 303 to success_url; 402 with the error shown (session stays open); 200 with the 3-D Secure step;
// 410 when the session is expired or already complete.
import type Stripe from "stripe"
import { redirect, sendHtml } from "../http/respond"
import { formatAmount } from "../stripe/money"
import { findSession } from "../stripe/resources/checkout-sessions"
import {
  authenticateCheckoutSession,
  payCheckoutSession,
  successRedirect,
  type CardEntry,
  type CheckoutOutcome,
} from "../stripe/resources/checkout-payment"
import { StripeApiError } from "../stripe/errors"
import type { Scope } from "../stripe/scope"
import type { PageRequest, SandboxServices } from "../services"
import { html, page, raw, type SafeHtml } from "./html"

function merchantName(scope: Scope): string {
  const account = scope.connectedAccountId ? scope.state.connected.get(scope.connectedAccountId)?.account : scope.state.platform
  return account?.business_profile?.name ?? "Sandbox merchant"
}

function summary(scope: Scope, session: Stripe.Checkout.Session): SafeHtml {
  const items = scope.data.checkoutLineItems.get(session.id) ?? []
  const currency = session.currency ?? "usd"
  return html`<p class="muted">${merchantName(scope)} <span class="test">TEST MODE</span></p>
<p class="muted">Pay</p><div class="amount" data-testid="checkout-amount">${formatAmount(session.amount_total ?? 0, currency)} <span class="muted">${currency.toUpperCase()}</span></div>
<table data-testid="line-items">${items.map((li) => html`<tr><td>${li.description ?? ""} × ${li.quantity ?? 1}</td><td style="text-align:right">${formatAmount(li.amount_total, currency)}</td></tr>`)}</table>`
}

function cardForm(session: Stripe.Checkout.Session, error: string | null, values: URLSearchParams): SafeHtml {
  const needsEmail = !session.customer && !session.customer_email
  return html`<form method="post" action="/checkout/${session.id}" class="card" data-testid="checkout-form">
${error ? html`<div class="error" role="alert" data-testid="checkout-error">${error}</div>` : raw("")}
${needsEmail ? html`<label for="email">Email</label><input id="email" name="email" type="email" autocomplete="email" value="${values.get("email") ?? ""}" required>` : html`<p class="muted">${session.customer_email ?? ""}</p>`}
<label for="card_number">Card number</label><input id="card_number" name="card_number" inputmode="numeric" autocomplete="cc-number" placeholder="1234 1234 1234 1234" value="${values.get("card_number") ?? ""}" required>
<div class="row"><div><label for="card_expiry">Expiration</label><input id="card_expiry" name="card_expiry" autocomplete="cc-exp" placeholder="MM / YY" value="${values.get("card_expiry") ?? ""}" required></div>
<div><label for="card_cvc">CVC</label><input id="card_cvc" name="card_cvc" inputmode="numeric" autocomplete="cc-csc" placeholder="CVC" value="${values.get("card_cvc") ?? ""}" required></div></div>
<label for="billing_name">Name on card</label><input id="billing_name" name="billing_name" autocomplete="cc-name" value="${values.get("billing_name") ?? ""}">
<button type="submit" data-testid="pay-button">Pay</button>
<p class="muted">Test cards: 4242 4242 4242 4242 succeeds · 4000 0000 0000 0002 is declined · 4000 0025 0000 3155 asks for authentication. Any future date, any CVC.</p>
</form>
${session.cancel_url ? html`<p><a href="${session.cancel_url}" data-testid="cancel-link">← Back to ${"the store"}</a></p>` : raw("")}`
}

function authenticationStep(session: Stripe.Checkout.Session): SafeHtml {
  return html`<div class="card" data-testid="authentication-step"><h1>Authenticate this payment</h1>
<p>Your bank asks you to confirm this payment (3-D Secure test page).</p>
<form method="post" action="/checkout/${session.id}/authenticate"><input type="hidden" name="action" value="approve"><button type="submit" data-testid="authenticate-approve">Complete authentication</button></form>
<form method="post" action="/checkout/${session.id}/authenticate"><input type="hidden" name="action" value="fail"><button type="submit" class="secondary" data-testid="authenticate-fail">Fail authentication</button></form></div>`
}

function closedPage(session: Stripe.Checkout.Session): string {
  const done = session.status === "complete"
  return page(
    done ? "Payment complete" : "Session expired",
    html`<div class="card" data-testid="checkout-closed"><h1>${done ? "This payment is complete" : "This Checkout Session is no longer active"}</h1>
<p class="muted">${done ? "Thanks, your payment was received." : "The payment link expired. Ask the merchant for a new one."}</p>
${done && session.success_url ? html`<a class="button" href="${successRedirect(session) ?? ""}">Return to the store</a>` : raw("")}</div>`,
    { narrow: true }
  )
}

function entryFrom(form: URLSearchParams): CardEntry {
  const expiry = (form.get("card_expiry") ?? "").replace(/\s/g, "")
  const [month, year] = expiry.includes("/") ? expiry.split("/") : [expiry.slice(0, 2), expiry.slice(2)]
  const text = (name: string) => {
    const v = form.get(name)?.trim()
    return v ? v : null
  }
  return {
    number: form.get("card_number") ?? "",
    expMonth: Number(form.get("exp_month") ?? month),
    expYear: Number(form.get("exp_year") ?? year),
    cvc: (form.get("card_cvc") ?? form.get("cvc") ?? "").trim(),
    name: text("billing_name"),
    email: text("email"),
  }
}

function respond(scope: Scope, session: Stripe.Checkout.Session, request: PageRequest, outcome: CheckoutOutcome): void {
  const { res } = request
  switch (outcome.kind) {
    case "completed":
      if (outcome.redirectTo) return redirect(res, outcome.redirectTo)
      return sendHtml(res, 200, closedPage(session))
    case "closed":
      return sendHtml(res, 410, closedPage(session))
    case "requires_action":
      return sendHtml(res, 200, page("Authenticate", html`${summary(scope, session)}${authenticationStep(session)}`, { narrow: true }))
    case "declined":
      return sendHtml(
        res,
        402,
        page("Checkout", html`${summary(scope, session)}${cardForm(session, outcome.message, request.form)}`, { narrow: true })
      )
  }
}

/** Handles /checkout/:id and /checkout/:id/authenticate; returns false for other paths. */
export function handleCheckoutPage(services: SandboxServices, request: PageRequest): boolean {
  const match = /^\/checkout\/(cs_[A-Za-z0-9_]+)(\/authenticate)?\/?$/.exec(request.pathname)
  if (!match) return false
  const [, id, authenticate] = match
  const owner = services.core.state.owners.get(id)
  const scope = owner ? services.scopeFor(owner) : undefined
  let session: Stripe.Checkout.Session | undefined
  try {
    session = scope ? findSession(scope, id) : undefined
  } catch (error) {
    if (!(error instanceof StripeApiError)) throw error
  }
  if (!scope || !session) {
    sendHtml(
      request.res,
      404,
      page("Not found", html`<div class="card"><h1>Something went wrong</h1><p>This Checkout Session does not exist.</p></div>`, {
        narrow: true,
      })
    )
    return true
  }
  if (request.method === "GET") {
    if (session.status !== "open") sendHtml(request.res, 410, closedPage(session))
    else
      sendHtml(
        request.res,
        200,
        page("Checkout", html`${summary(scope, session)}${cardForm(session, null, new URLSearchParams())}`, { narrow: true })
      )
    return true
  }
  if (request.method !== "POST") return false
  const outcome = authenticate
    ? authenticateCheckoutSession(scope, session, request.form.get("action") === "approve")
    : payCheckoutSession(scope, session, entryFrom(request.form))
  respond(scope, session, request, outcome)
  return true
}
