import type StripeCollectModuleService from "../../../../modules/stripe-collect/service"

type InvoiceRecord = Awaited<ReturnType<StripeCollectModuleService["retrieveInvoice"]>>

/** An order's invoice as admins see it (its latest version). */
export function toInvoiceResponse(invoice: InvoiceRecord) {
  return {
    id: invoice.id,
    number: invoice.number,
    version: invoice.version,
    status: invoice.status,
    order_total: Number(invoice.order_total),
    currency_code: invoice.currency_code,
    issued_at: invoice.issued_at,
    terms: invoice.terms ?? null,
    due_date: invoice.due_date ?? null,
  }
}
