import { howCustomersPay, type LinkPaymentMethods } from "../../../payment-links/how-customers-pay"
import type { Invoice } from "../../../payment-links/invoice"
import { formatCalendarDay, termsLabel } from "../../../payment-links/due-dates"

/** Escapes text for HTML: every customer- or admin-written string goes through this. */
export function escapeHtml(value: unknown): string {
  return String(value ?? "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;")
}

export function formatMoney(amount: number, currency: string, locale = "en-US"): string {
  return new Intl.NumberFormat(locale, { style: "currency", currency: currency.toUpperCase() }).format(amount)
}

const formatDate = (date: Date | string, locale = "en-US") => new Intl.DateTimeFormat(locale, { dateStyle: "long" }).format(new Date(date))

const STYLE = `
*{box-sizing:border-box}body{margin:0;background:#f4f4f5;color:#18181b;font:16px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}
main{max-width:560px;margin:0 auto;padding:24px 16px}
.card{background:#fff;border-radius:12px;box-shadow:0 1px 3px rgba(0,0,0,.08);padding:24px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:15px;margin:24px 0 8px;color:#52525b;font-weight:600}
.muted{color:#52525b;font-size:14px}
table{width:100%;border-collapse:collapse;font-size:15px}td{padding:6px 0;vertical-align:top}td.num{text-align:right;white-space:nowrap;padding-left:12px}
tr.total td{border-top:1px solid #e4e4e7;font-weight:600;padding-top:10px}
.due{display:flex;justify-content:space-between;align-items:baseline;background:#f4f4f5;border-radius:8px;padding:12px 16px;margin:20px 0}
.due strong{font-size:24px}
.message{white-space:pre-wrap;background:#fafafa;border-left:3px solid #a1a1aa;padding:8px 12px;margin:16px 0}
button{width:100%;font:inherit;font-weight:600;font-size:17px;color:#fff;background:#635bff;border:0;border-radius:8px;padding:14px;cursor:pointer}
button:focus-visible{outline:3px solid #a5b4fc;outline-offset:2px}
.overdue{color:#b91c1c}
.notice{font-size:18px;font-weight:600;margin:8px 0}
footer{text-align:center;margin-top:16px;color:#52525b}
`

function layout(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex,nofollow">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main>${body}<footer class="muted">Payments are processed securely by Stripe.</footer></main></body></html>`
}

function invoiceTable(invoice: Invoice): string {
  const c = invoice.currency_code
  const rows = invoice.items
    .map(
      (item) =>
        `<tr><td>${escapeHtml(item.title)}${item.variant_title ? ` <span class="muted">(${escapeHtml(item.variant_title)})</span>` : ""}<br><span class="muted">${item.quantity} × ${formatMoney(item.unit_price, c)}</span></td><td class="num">${formatMoney(item.total, c)}</td></tr>`
    )
    .join("")
  const line = (label: string, amount: number) => `<tr><td>${label}</td><td class="num">${formatMoney(amount, c)}</td></tr>`
  return `<table aria-label="Invoice">${rows}
${line("Shipping", invoice.shipping_total)}
${invoice.discount_total ? line("Discounts", -invoice.discount_total) : ""}
${line("Taxes", invoice.tax_total)}
<tr class="total"><td>Total</td><td class="num">${formatMoney(invoice.order_total, c)}</td></tr>
${invoice.paid_total ? line("Already paid", invoice.paid_total) : ""}
</table>`
}

function header(invoice: Invoice): string {
  return `<p class="muted">${escapeHtml(invoice.store_name)}</p>
<h1>${invoice.invoice_number ? `Invoice ${escapeHtml(invoice.invoice_number)} · ` : ""}Order #${escapeHtml(invoice.order_display_id)}</h1>
<p class="muted">Placed ${formatDate(invoice.order_date)}${invoice.customer_name ? ` · for ${escapeHtml(invoice.customer_name)}` : ""}</p>`
}

/** The invoice with a "Pay" button that says how the customer can pay. */
export function renderPayPage(args: {
  invoice: Invoice
  amount_due: number
  message: string | null
  expires_at: Date | string
  /** The day payment is due (YYYY-MM-DD, store calendar) and the terms; null on links sent before terms existed. */
  due_date?: string | null
  terms?: string | null
  /** The due date has passed. */
  overdue?: boolean
  action: string
  notice?: string
  payment_methods?: LinkPaymentMethods
}): string {
  const { invoice, amount_due } = args
  const due = formatMoney(amount_due, invoice.currency_code)
  const methods = args.payment_methods ?? "cards"
  // Cards only fits on the button; the longer "card, wallet or bank payment" goes under it.
  const button = methods === "cards" ? `Pay ${due} ${howCustomersPay(methods)}` : `Pay ${due}`
  const methodsNote =
    methods === "cards" ? "" : `<p class="muted" data-testid="payment-methods">Pay ${escapeHtml(howCustomersPay(methods))}.</p>`
  return layout(
    `Pay ${due} — order #${invoice.order_display_id}`,
    `<div class="card">${header(invoice)}
${args.notice ? `<p class="notice" role="alert">${escapeHtml(args.notice)}</p>` : ""}
${args.message ? `<div class="message">${escapeHtml(args.message)}</div>` : ""}
<h2>Invoice</h2>${invoiceTable(invoice)}
<div class="due"><span>Amount due</span><strong data-testid="amount-due">${due}</strong></div>
${dueDateLine(args)}
<form method="post" action="${escapeHtml(args.action)}"><button type="submit" data-testid="pay-button">${escapeHtml(button)}</button></form>
${methodsNote}<p class="muted">This link works until ${formatDate(args.expires_at)}.</p>
${invoice.invoice_number ? `<p class="muted"><a href="${escapeHtml(args.action)}/invoice" data-testid="invoice-pdf">Download invoice ${escapeHtml(invoice.invoice_number)} (PDF)</a></p>` : ""}</div>`
  )
}

function dueDateLine(args: { due_date?: string | null; terms?: string | null; overdue?: boolean }): string {
  if (!args.due_date) return ""
  const terms = termsLabel(args.terms)
  const shown = terms && args.terms !== "date" ? ` (${escapeHtml(terms)})` : ""
  return `<p data-testid="due-date"${args.overdue ? ' class="overdue"' : ""}><strong>${args.overdue ? "Overdue — was due" : "Due"} ${formatCalendarDay(args.due_date)}</strong>${shown}</p>`
}

/** A page with one message: paid, thank you, canceled, expired. */
export function renderNoticePage(args: {
  invoice?: Invoice
  title: string
  text: string
  action?: { href: string; label: string }
}): string {
  return layout(
    args.title,
    `<div class="card">${args.invoice ? header(args.invoice) : ""}
<p class="notice" data-testid="notice">${escapeHtml(args.title)}</p><p>${escapeHtml(args.text)}</p>
${args.action ? `<form method="post" action="${escapeHtml(args.action.href)}"><button type="submit">${escapeHtml(args.action.label)}</button></form>` : ""}</div>`
  )
}
