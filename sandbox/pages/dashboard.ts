// The dashboard at /_sandbox: accounts, payments, checkout sessions, events, webhook deliveries, at a glance.
import type Stripe from "stripe"
import { sendHtml } from "../http/respond"
import { formatAmount } from "../stripe/money"
import { PLATFORM_ACCOUNT_ID } from "../stripe/state"
import type { PageRequest, SandboxServices } from "../services"
import { html, page, raw, timestamp } from "./html"

const badge = (status: string | null) => html`<span class="badge ${status ?? ""}">${status ?? "-"}</span>`
const accountLabel = (id: string) => (id === PLATFORM_ACCOUNT_ID ? "platform" : id)

export function handleDashboard(services: SandboxServices, request: PageRequest): boolean {
  if (!/^\/_sandbox\/?$/.test(request.pathname) || request.method !== "GET") return false
  const state = services.core.state
  const all = state.allAccountData()
  const intents = all
    .flatMap((d) => d.paymentIntents.newestFirst().map((pi) => ({ account: d.accountId, pi })))
    .sort((a, b) => b.pi.created - a.pi.created)
    .slice(0, 100)
  const sessions = all
    .flatMap((d) => d.checkoutSessions.newestFirst().map((s) => ({ account: d.accountId, s })))
    .sort((a, b) => b.s.created - a.s.created)
    .slice(0, 50)
  const events = all
    .flatMap((d) => d.events.newestFirst())
    .sort((a, b) => b.created - a.created)
    .slice(0, 100)
  const deliveries = services.webhooks.deliveries().reverse().slice(0, 50)
  const chargeOf = (account: string, pi: Stripe.PaymentIntent) => {
    const id = typeof pi.latest_charge === "string" ? pi.latest_charge : pi.latest_charge?.id
    return id ? state.data(account).charges.get(id) : undefined
  }
  sendHtml(
    request.res,
    200,
    page(
      "Stripe sandbox",
      html`<nav><a href="/_sandbox">Dashboard</a><a href="/_sandbox/inbox">Inbox (${services.emails.all().length})</a><a href="/_sandbox/requests">Requests (JSON)</a></nav>
<h1>Stripe sandbox <span class="test">TEST MODE</span></h1>
<p class="muted">Default webhook URL: <code>${services.webhooks.currentDefaultUrl ?? "none"}</code> · API version ${services.core.apiVersion}</p>
<h2>Accounts</h2><table data-testid="accounts"><tr><th>Account</th><th>Name</th><th>Connected</th></tr>
<tr><td><code>${state.platform.id}</code></td><td>${state.platform.business_profile?.name ?? ""}</td><td>platform</td></tr>
${Array.from(state.connected.values()).map((c) => html`<tr><td><code>${c.account.id}</code></td><td>${c.account.business_profile?.name ?? ""}</td><td>${c.connected ? "yes" : "deauthorized"}</td></tr>`)}</table>
<h2>Payments</h2><table data-testid="payments"><tr><th>PaymentIntent</th><th>Amount</th><th>Status</th><th>Card</th><th>Account</th><th>Created</th><th>Metadata</th></tr>
${intents.map(({ account, pi }) => {
  const card = chargeOf(account, pi)?.payment_method_details?.card
  return html`<tr><td><code>${pi.id}</code></td><td>${formatAmount(pi.amount, pi.currency)} ${pi.currency.toUpperCase()}${pi.amount_received && pi.amount_received !== pi.amount ? html` (received ${formatAmount(pi.amount_received, pi.currency)})` : raw("")}</td><td>${badge(pi.status)}</td><td>${card ? `${card.brand} •••• ${card.last4}` : ""}</td><td>${accountLabel(account)}</td><td>${timestamp(pi.created)}</td><td><code>${JSON.stringify(pi.metadata)}</code></td></tr>`
})}</table>
<h2>Checkout sessions</h2><table data-testid="sessions"><tr><th>Session</th><th>Amount</th><th>Status</th><th>Payment</th><th>Account</th><th>Expires</th></tr>
${sessions.map(({ account, s }) => html`<tr><td>${s.url ? html`<a href="${s.url}"><code>${s.id.slice(0, 24)}…</code></a>` : html`<code>${s.id.slice(0, 24)}…</code>`}</td><td>${formatAmount(s.amount_total ?? 0, s.currency ?? "usd")}</td><td>${badge(s.status)}</td><td>${badge(s.payment_status)}</td><td>${accountLabel(account)}</td><td>${timestamp(s.expires_at)}</td></tr>`)}</table>
<h2>Events</h2><table data-testid="events"><tr><th>Event</th><th>Type</th><th>Object</th><th>Account</th><th>Pending webhooks</th><th>Created</th></tr>
${events.map((e) => html`<tr><td><code>${e.id}</code></td><td>${e.type}</td><td><code>${e.data.object.id ?? ""}</code></td><td>${e.account ?? "platform"}</td><td>${e.pending_webhooks}</td><td>${timestamp(e.created)}</td></tr>`)}</table>
<h2>Webhook deliveries</h2><table data-testid="deliveries"><tr><th>Event</th><th>Type</th><th>URL</th><th>Attempt</th><th>Result</th></tr>
${deliveries.map((d) => html`<tr><td><code>${d.eventId}</code></td><td>${d.type}</td><td>${d.url}</td><td>${d.attempt}</td><td>${d.status ?? d.error ?? ""}</td></tr>`)}</table>`
    )
  )
  return true
}
