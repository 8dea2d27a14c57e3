// Connect OAuth consent page: GET /oauth/authorize (and /express/oauth/authorize) shows Authorize / Deny.
//
// Form fields (POST /oauth/authorize): decision=allow|deny, business_name, email, plus the original query
// carried in hidden fields. allow → 303 to redirect_uri?code=ac_...&scope=...&state=...;
// deny → 303 to redirect_uri?error=access_denied&error_description=...&state=...
import { approveConsent, denyConsent, readConsentRequest } from "../connect/oauth"
import { redirect, sendHtml } from "../http/respond"
import type { PageRequest, SandboxServices } from "../services"
import { html, page } from "./html"

const CARRIED = ["client_id", "response_type", "scope", "redirect_uri", "state", "stripe_user[email]", "stripe_user[business_name]"]

export function handleConsentPage(services: SandboxServices, request: PageRequest): boolean {
  if (!/^\/(express\/)?oauth\/authorize\/?$/.test(request.pathname)) return false
  const source = request.method === "POST" ? request.form : request.query
  const consent = readConsentRequest(source)
  if (typeof consent === "string") {
    sendHtml(
      request.res,
      400,
      page("Connect error", html`<div class="card" data-testid="oauth-error"><h1>Something went wrong</h1><p>${consent}</p></div>`, {
        narrow: true,
      })
    )
    return true
  }
  if (request.method === "POST") {
    const decision = request.form.get("decision")
    if (decision === "allow") {
      const name = request.form.get("business_name")?.trim()
      const email = request.form.get("email")?.trim()
      redirect(
        request.res,
        approveConsent(services.core, { ...consent, businessName: name || consent.businessName, email: email || consent.email })
      )
    } else {
      redirect(request.res, denyConsent(consent))
    }
    return true
  }
  const hidden = CARRIED.filter((k) => source.get(k) !== null).map(
    (k) => html`<input type="hidden" name="${k}" value="${source.get(k) ?? ""}">`
  )
  sendHtml(
    request.res,
    200,
    page(
      "Connect with Stripe",
      html`<div class="card" data-testid="oauth-consent"><p class="muted"><span class="test">TEST MODE</span> Stripe Connect (sandbox)</p>
<h1>Connect your Stripe account</h1>
<p>The platform <code>${consent.clientId}</code> asks for <strong>${consent.scope}</strong> access to your Stripe account.</p>
<form method="post" action="/oauth/authorize">${hidden}
<label for="business_name">Business name</label><input id="business_name" name="business_name" value="${consent.businessName}">
<label for="email">Email</label><input id="email" name="email" type="email" value="${consent.email ?? ""}">
<button type="submit" name="decision" value="allow" data-testid="oauth-authorize">Authorize access to this account</button>
<button type="submit" name="decision" value="deny" class="secondary" data-testid="oauth-deny">Deny</button>
</form></div>`,
      { narrow: true }
    )
  )
  return true
}
