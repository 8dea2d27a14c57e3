// Charge receipts (charge.receipt_url): a minimal page so links in the dashboard and emails resolve.
import { sendHtml } from "../http/respond"
import { formatAmount } from "../stripe/money"
import type { PageRequest, SandboxServices } from "../services"
import { html, page, timestamp } from "./html"

export function handleReceiptPage(services: SandboxServices, request: PageRequest): boolean {
  const match = /^\/_sandbox\/receipts\/(ch_[A-Za-z0-9]+)\/?$/.exec(request.pathname)
  if (!match || request.method !== "GET") return false
  const owner = services.core.state.owners.get(match[1])
  const charge = owner ? services.core.state.data(owner).charges.get(match[1]) : undefined
  if (!charge) {
    sendHtml(request.res, 404, page("Not found", html`<div class="card"><h1>No such receipt</h1></div>`, { narrow: true }))
    return true
  }
  const card = charge.payment_method_details?.card
  sendHtml(
    request.res,
    200,
    page(
      "Receipt",
      html`<div class="card" data-testid="receipt"><p class="muted">Receipt <span class="test">TEST MODE</span></p>
<div class="amount">${formatAmount(charge.amount_captured || charge.amount, charge.currency)} ${charge.currency.toUpperCase()}</div>
<p>${card ? `${card.brand} •••• ${card.last4}` : ""} · ${timestamp(charge.created)}</p>
${charge.amount_refunded ? html`<p class="muted">Refunded ${formatAmount(charge.amount_refunded, charge.currency)}</p>` : html``}</div>`,
      { narrow: true }
    )
  )
  return true
}
