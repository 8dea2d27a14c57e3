import type { MedusaContainer } from "@medusajs/framework/types"
import { STRIPE_COLLECT_MODULE } from "../modules/stripe-collect"
import type StripeCollectModuleService from "../modules/stripe-collect/service"
import { loadInvoice } from "../payment-links/invoice"
import type { InvoiceDocument } from "./invoice-pdf"

/**
 * The order's invoice as the PDF prints it, or null before the order's first link issued one. Without an
 * amount, what the order still owes is due.
 */
export async function loadInvoiceDocument(
  container: MedusaContainer,
  orderId: string,
  ask: { amount_due?: number; pay_url: string | null; message: string | null }
): Promise<InvoiceDocument | null> {
  const issued = await container.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE).currentInvoice(orderId)
  if (!issued) return null
  const invoice = await loadInvoice(container, orderId)
  return {
    ...invoice,
    invoice_number: issued.number,
    invoice_status: issued.status,
    issued_at: issued.issued_at,
    amount_due: ask.amount_due ?? invoice.outstanding,
    pay_url: ask.pay_url,
    message: ask.message,
  }
}

/** The PDF's file name: the invoice number, safe in a Content-Disposition header. */
export const invoiceFileName = (number: string) => `${number.replace(/[^A-Za-z0-9._-]+/g, "-")}.pdf`
