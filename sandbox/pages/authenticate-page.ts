// The 3-D Secure challenge page for PaymentIntents and SetupIntents in requires_action (next_action's URL).
//
// GET /_sandbox/3ds/:intent shows Complete / Fail; POST with action=approve|fail finishes the attempt, then
// redirects to the return_url with payment_intent, payment_intent_client_secret and redirect_status
// (or setup_intent, setup_intent_client_secret) as Stripe does, or shows the result when there is none.
import { redirect, sendHtml } from "../http/respond"
import { completeAuthentication } from "../stripe/resources/payment-intents"
import { attemptSetup } from "../stripe/resources/setup-intents"
import type { PageRequest, SandboxServices } from "../services"
import { html, page } from "./html"

export function handleAuthenticationPage(services: SandboxServices, request: PageRequest): boolean {
  const match = /^\/_sandbox\/3ds\/((?:pi|seti)_[A-Za-z0-9]+)\/?$/.exec(request.pathname)
  if (!match) return false
  const id = match[1]
  const owner = services.core.state.owners.get(id)
  const scope = owner ? services.scopeFor(owner) : undefined
  const paymentIntent = scope?.data.paymentIntents.get(id)
  const setupIntent = scope?.data.setupIntents.get(id)
  const intent = paymentIntent ?? setupIntent
  if (!scope || !intent) {
    sendHtml(request.res, 404, page("Not found", html`<div class="card"><h1>Unknown payment</h1></div>`, { narrow: true }))
    return true
  }
  if (request.method === "GET") {
    const waiting = intent.status === "requires_action"
    sendHtml(
      request.res,
      waiting ? 200 : 409,
      page(
        "3-D Secure",
        html`<div class="card" data-testid="authentication-step"><p class="muted"><span class="test">TEST MODE</span> 3-D Secure</p>
<h1>${waiting ? "Authenticate this payment" : `Nothing to authenticate (status ${intent.status})`}</h1>
<form method="post"><input type="hidden" name="action" value="approve"><button type="submit" data-testid="authenticate-approve">Complete authentication</button></form>
<form method="post"><input type="hidden" name="action" value="fail"><button type="submit" class="secondary" data-testid="authenticate-fail">Fail authentication</button></form></div>`,
        { narrow: true }
      )
    )
    return true
  }
  if (request.method !== "POST") return false
  const approved = request.form.get("action") === "approve"
  let succeeded: boolean
  if (paymentIntent) {
    completeAuthentication(scope, paymentIntent, approved)
    succeeded = paymentIntent.status === "succeeded" || paymentIntent.status === "requires_capture"
  } else if (setupIntent && setupIntent.status === "requires_action") {
    if (approved) attemptSetup(scope, setupIntent, true)
    else {
      setupIntent.status = "requires_payment_method"
      setupIntent.next_action = null
      setupIntent.payment_method = null
      scope.emit("setup_intent.setup_failed", setupIntent)
    }
    succeeded = setupIntent.status === "succeeded"
  } else {
    succeeded = false
  }
  const returnUrl = scope.data.intentOptions.get(id)?.returnUrl
  if (returnUrl) {
    const url = new URL(returnUrl)
    const kind = paymentIntent ? "payment_intent" : "setup_intent"
    url.searchParams.set(kind, id)
    url.searchParams.set(`${kind}_client_secret`, intent.client_secret ?? "")
    url.searchParams.set("redirect_status", succeeded ? "succeeded" : "failed")
    redirect(request.res, url.toString())
    return true
  }
  sendHtml(
    request.res,
    200,
    page(
      "3-D Secure",
      html`<div class="card" data-testid="authentication-result"><h1>${succeeded ? "Authentication complete" : "Authentication failed"}</h1><p class="muted">You can close this window.</p></div>`,
      { narrow: true }
    )
  )
  return true
}
