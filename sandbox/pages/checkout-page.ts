// The hosted Checkout page at session.url: card form, decline message, 3-D Secure step, redirect to success_url.
//
// Form fields (POST /checkout/:id), for people, Playwright and plain-HTTP tests alike:
//   email          payer's email (only asked when the session has no customer or customer_email)
//   card_number    e.g. 4242 4242 4242 4242 (succeeds), 4000 0000 0000 0002 (declines), 4000 0025 0000 3155 (3-D Secure)
//   card_expiry    "MM / YY" (or exp_month + exp_year)
//   card_cvc       3 or 4 digits
//   billing_name   name on card (optional)
// The 3-D Secure step posts to /checkout/:id/authenticate with action=approve or action=fail.
// Other methods, shown when the session offers them (payment_method_types), post `method`:
//   method=apple_pay                                      Apple Pay (test Visa 4242 in the wallet), paid at once
//   method=klarna                                         Klarna's page, then /checkout/:id/klarna with action=approve|fail
//   method=sepa_debit   iban, account_holder_name         DE89370400440532013000 succeeds, DE62370400440532013001 fails
//   method=us_bank_account routing_number, account_number, account_holder_name
//                                                         110000000 + 000123456789 succeeds, 000111111116 fails
// Bank debits complete the session unpaid (PaymentIntent processing); POST /_sandbox/payment_intents/:id/settle settles them.
// Outcomes: 303 to success_url; 402 with the error shown (session stays open); 200 with the 3-D Secure step;
// 410 when the session is expired or already complete.
import type Stripe from "stripe"
import { redirect, sendHtml } from "../http/respond"
import { formatAmount } from "../stripe/money"
import { findSession } from "../stripe/resources/checkout-sessions"
import { payWithApplePay, payWithBankDebit, payWithKlarna, type BankEntry } from "../stripe/resources/checkout-methods"
import {
  authenticateCheckoutSession,
  payCheckoutSession,
  stillPayable,
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

function emailField(session: Stripe.Checkout.Session, values: URLSearchParams, id = "email"): SafeHtml {
  const needsEmail = !session.customer && !session.customer_email
  return needsEmail
    ? html`<label for="${id}">Email</label><input id="${id}" name="email" type="email" autocomplete="email" value="${values.get("email") ?? ""}" required>`
    : html`<p class="muted">${session.customer_email ?? ""}</p>`
}

/** The methods besides a typed card that the session offers: a wallet, a redirect, bank debits. */
function otherMethods(session: Stripe.Checkout.Session, values: URLSearchParams): SafeHtml {
  const offered = session.payment_method_types
  const action = `/checkout/${session.id}`
  const wallet = offered.includes("card")
    ? html`<form method="post" action="${action}" class="card" data-testid="apple-pay-form"><input type="hidden" name="method" value="apple_pay">
${session.customer || session.customer_email ? raw("") : html`<input type="hidden" name="email" value="wallet-payer@example.com">`}
<button type="submit" data-testid="pay-apple-pay"> Pay (test Apple Pay)</button></form>`
    : raw("")
  const klarna = offered.includes("klarna")
    ? html`<form method="post" action="${action}" class="card" data-testid="klarna-form"><input type="hidden" name="method" value="klarna">
<button type="submit" class="secondary" data-testid="pay-klarna">Pay with Klarna</button></form>`
    : raw("")
  const sepa = offered.includes("sepa_debit")
    ? html`<form method="post" action="${action}" class="card" data-testid="sepa-form"><input type="hidden" name="method" value="sepa_debit">
<h2>SEPA Direct Debit</h2>${emailField(session, values, "sepa_email")}
<label for="iban">IBAN</label><input id="iban" name="iban" placeholder="DE00 0000 0000 0000 0000 00" value="${values.get("iban") ?? ""}" required>
<label for="sepa_name">Account holder</label><input id="sepa_name" name="account_holder_name" value="${values.get("account_holder_name") ?? ""}" required>
<p class="muted">By paying you authorise the merchant and Stripe to debit your account (SEPA mandate). Test IBANs: DE89 3704 0044 0532 0130 00 succeeds, DE62 3704 0044 0532 0130 01 fails, once the bank settles.</p>
<button type="submit" data-testid="pay-sepa">Pay by SEPA Direct Debit</button></form>`
    : raw("")
  const ach = offered.includes("us_bank_account")
    ? html`<form method="post" action="${action}" class="card" data-testid="ach-form"><input type="hidden" name="method" value="us_bank_account">
<h2>US bank account</h2>${emailField(session, values, "ach_email")}
<label for="routing_number">Routing number</label><input id="routing_number" name="routing_number" value="${values.get("routing_number") ?? ""}" required>
<label for="account_number">Account number</label><input id="account_number" name="account_number" value="${values.get("account_number") ?? ""}" required>
<label for="ach_name">Account holder</label><input id="ach_name" name="account_holder_name" value="${values.get("account_holder_name") ?? ""}" required>
<p class="muted">By paying you authorise an ACH debit. Test accounts: routing 110000000 with 000123456789 succeeds, 000111111116 fails, once the bank settles.</p>
<button type="submit" data-testid="pay-ach">Pay by bank account</button></form>`
    : raw("")
  return html`${wallet}${klarna}${sepa}${ach}`
}

function cardForm(session: Stripe.Checkout.Session, error: string | null, values: URLSearchParams): SafeHtml {
  if (!session.payment_method_types.includes("card"))
    return error ? html`<div class="error" role="alert" data-testid="checkout-error">${error}</div>` : raw("")
  return html`<form method="post" action="/checkout/${session.id}" class="card" data-testid="checkout-form">
${error ? html`<div class="error" role="alert" data-testid="checkout-error">${error}</div>` : raw("")}
${emailField(session, values)}
<label for="card_number">Card number</label><input id="card_number" name="card_number" inputmode="numeric" autocomplete="cc-number" placeholder="1234 1234 1234 1234" value="${values.get("card_number") ?? ""}" required>
<div class="row"><div><label for="card_expiry">Expiration</label><input id="card_expiry" name="card_expiry" autocomplete="cc-exp" placeholder="MM / YY" value="${values.get("card_expiry") ?? ""}" required></div>
<div><label for="card_cvc">CVC</label><input id="card_cvc" name="card_cvc" inputmode="numeric" autocomplete="cc-csc" placeholder="CVC" value="${values.get("card_cvc") ?? ""}" required></div></div>
<label for="billing_name">Name on card</label><input id="billing_name" name="billing_name" autocomplete="cc-name" value="${values.get("billing_name") ?? ""}">
${session.saved_payment_method_options?.payment_method_save === "enabled" ? html`<label class="check" style="display:flex;gap:8px;align-items:center;margin:12px 0"><input type="checkbox" style="width:auto;margin:0" name="save_payment_method" value="1" data-testid="save-payment-method"${values.get("save_payment_method") ? raw(" checked") : raw("")}> Save my card for future payments to ${"this merchant"}</label>` : raw("")}
<button type="submit" data-testid="pay-button">Pay</button>
<p class="muted">Test cards: 4242 4242 4242 4242 succeeds · 4000 0000 0000 0002 is declined · 4000 0025 0000 3155 asks for authentication. Any future date, any CVC.</p>
</form>
`
}

function authenticationStep(session: Stripe.Checkout.Session): SafeHtml {
  return html`<div class="card" data-testid="authentication-step"><h1>Authenticate this payment</h1>
<p>Your bank asks you to confirm this payment (3-D Secure test page).</p>
<form method="post" action="/checkout/${session.id}/authenticate"><input type="hidden" name="action" value="approve"><button type="submit" data-testid="authenticate-approve">Complete authentication</button></form>
<form method="post" action="/checkout/${session.id}/authenticate"><input type="hidden" name="action" value="fail"><button type="submit" class="secondary" data-testid="authenticate-fail">Fail authentication</button></form></div>`
}

function closedPage(session: Stripe.Checkout.Session): string {
  const done = session.status === "complete"
  const processing = done && session.payment_status === "unpaid"
  return page(
    done ? "Payment complete" : "Session expired",
    html`<div class="card" data-testid="checkout-closed"><h1>${done ? "This payment is complete" : "This Checkout Session is no longer active"}</h1>
<p class="muted">${processing ? "Thanks, your payment is processing: your bank confirms it in a few business days." : done ? "Thanks, your payment was received." : "The payment link expired. Ask the merchant for a new one."}</p>
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
    save: form.get("save_payment_method") === "1",
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
        page("Checkout", html`${summary(scope, session)}${paymentForms(session, outcome.message, request.form)}`, { narrow: true })
      )
  }
}

/** Every way the session can be paid, the card form first. */
function paymentForms(session: Stripe.Checkout.Session, error: string | null, values: URLSearchParams): SafeHtml {
  return html`${cardForm(session, error, values)}${otherMethods(session, values)}
${session.cancel_url ? html`<p><a href="${session.cancel_url}" data-testid="cancel-link">← Back to ${"the store"}</a></p>` : raw("")}`
}

/** Klarna's own page (the redirect): the customer authorizes the test payment or fails it. */
function klarnaStep(session: Stripe.Checkout.Session): SafeHtml {
  return html`<div class="card" data-testid="klarna-step"><h1>Klarna (test)</h1>
<p>You are on Klarna's test page. Authorize the payment to pay later with Klarna.</p>
<form method="post" action="/checkout/${session.id}/klarna"><input type="hidden" name="action" value="approve"><button type="submit" data-testid="klarna-approve">Authorize test payment</button></form>
<form method="post" action="/checkout/${session.id}/klarna"><input type="hidden" name="action" value="fail"><button type="submit" class="secondary" data-testid="klarna-fail">Fail test payment</button></form></div>`
}

function bankEntryFrom(form: URLSearchParams, type: BankEntry["type"]): BankEntry {
  const text = (name: string) => form.get(name)?.trim() || null
  const name = text("account_holder_name")
  const email = text("email")
  return type === "sepa_debit"
    ? { type, iban: form.get("iban") ?? "", name, email }
    : { type, routing: form.get("routing_number") ?? "", account: form.get("account_number") ?? "", name, email }
}

/** A POST to /checkout/:id with its `method` (a typed card without one). */
function payWithMethod(scope: Scope, session: Stripe.Checkout.Session, form: URLSearchParams): CheckoutOutcome | "klarna_step" {
  const method = form.get("method") ?? "card"
  switch (method) {
    case "apple_pay":
      return payWithApplePay(scope, session, form.get("email")?.trim() || null)
    case "klarna":
      return session.payment_method_types.includes("klarna") && stillPayable(session) ? "klarna_step" : payWithKlarna(scope, session, false)
    case "sepa_debit":
    case "us_bank_account":
      return payWithBankDebit(scope, session, bankEntryFrom(form, method))
    default:
      return payCheckoutSession(scope, session, entryFrom(form))
  }
}

/** Handles /checkout/:id and /checkout/:id/authenticate; returns false for other paths. */
export function handleCheckoutPage(services: SandboxServices, request: PageRequest): boolean {
  const match = /^\/checkout\/(cs_[A-Za-z0-9_]+)(\/authenticate|\/klarna)?\/?$/.exec(request.pathname)
  if (!match) return false
  const [, id, step] = match
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
        page("Checkout", html`${summary(scope, session)}${paymentForms(session, null, new URLSearchParams())}`, { narrow: true })
      )
    return true
  }
  if (request.method !== "POST") return false
  const approved = request.form.get("action") === "approve"
  const outcome =
    step === "/authenticate"
      ? authenticateCheckoutSession(scope, session, approved)
      : step === "/klarna"
        ? payWithKlarna(scope, session, approved)
        : payWithMethod(scope, session, request.form)
  if (outcome === "klarna_step") {
    sendHtml(request.res, 200, page("Klarna", html`${summary(scope, session)}${klarnaStep(session)}`, { narrow: true }))
    return true
  }
  respond(scope, session, request, outcome)
  return true
}
