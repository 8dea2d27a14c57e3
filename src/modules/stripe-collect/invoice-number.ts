/** What issuing an order's invoice needs: the order's total, and the series it is numbered in. */
export type IssueInvoice = {
  order_id: string
  order_total: number
  currency_code: string
  /** The store whose series numbers it. */
  store_id: string
  /** The expanded prefix printed before the number, e.g. "INV-2026-" (a new year's prefix starts a new series at 1). */
  prefix: string
  issued_at?: Date
  /** The terms and due date (YYYY-MM-DD) it is issued with. */
  terms?: string | null
  due_date?: string | null
}

export const DEFAULT_INVOICE_PREFIX = "INV-{YYYY}-"

/** The prefix with its {YYYY} placeholder filled in for the year of issue. */
export function expandInvoicePrefix(template: string, year: number): string {
  return template.replace(/\{YYYY\}/g, String(year))
}

/** INV-2026-0001: at least four digits, more when the series outgrows them. */
export function invoiceNumber(prefix: string, sequence: number): string {
  return `${prefix}${String(sequence).padStart(4, "0")}`
}

/** One series per store and expanded prefix. */
export function invoiceSeries(storeId: string, prefix: string): string {
  return `${storeId}:${prefix}`
}
