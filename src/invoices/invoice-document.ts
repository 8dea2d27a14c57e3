import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { STRIPE_COLLECT_MODULE } from "../modules/stripe-collect"
import type StripeCollectModuleService from "../modules/stripe-collect/service"
import { loadInvoice } from "../payment-links/invoice"
import { renderInvoicePdf, type InvoiceDocument } from "./invoice-pdf"

/**
 * The order's invoice as the PDF prints it, or null before the order's first link issued one. Without an
 * amount, what the order still owes is due.
 */
export async function loadInvoiceDocument(
  container: MedusaContainer,
  orderId: string,
  ask: {
    amount_due?: number
    pay_url: string | null
    message: string | null
    /** The link's terms and due date; without them, the invoice's own. */
    terms?: string | null
    due_date?: string | null
  }
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
    terms: ask.due_date ? (ask.terms ?? null) : (issued.terms ?? null),
    due_date: ask.due_date ?? issued.due_date ?? null,
  }
}

/** The PDF's file name: the invoice number, safe in a Content-Disposition header. */
export const invoiceFileName = (number: string) => `${number.replace(/[^A-Za-z0-9._-]+/g, "-")}.pdf`

/** The PDF, with a warning in the server log when its font lacks characters of the order (they print as "?"). */
export function renderOrderInvoicePdf(container: MedusaContainer, document: InvoiceDocument): Promise<Buffer> {
  return renderInvoicePdf(document, {
    onMissingCharacters: (characters) =>
      container
        .resolve(ContainerRegistrationKeys.LOGGER)
        .warn(
          `stripe-collect: invoice ${document.invoice_number} prints "${characters.join("")}" as "?": the invoice font lacks them. ` +
            "Set STRIPE_COLLECT_INVOICE_FONT to a TrueType or OpenType font that has them (see the README)."
        ),
  })
}
