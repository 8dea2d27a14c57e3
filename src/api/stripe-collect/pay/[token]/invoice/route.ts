import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { findLinkByToken, linkState } from "../../../../../payment-links/find-link"
import { amountDueByLink } from "../../../../../payment-links/open-link-checkout"
import { payPageUrl } from "../../../../../payment-links/token"
import { loadInvoiceDocument, invoiceFileName, renderOrderInvoicePdf } from "../../../../../invoices/invoice-document"
import { publicUrlOf } from "../../../../utils/public-url"
import { sendPdf } from "../../../../utils/send-pdf"
import { sendUnknownLink } from "../../responses"

// The invoice PDF of the link's order, as emailed. Public: the token is the key.
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const link = await findLinkByToken(req.scope, req.params.token)
  if (!link) return sendUnknownLink(res)
  const open = linkState(link) === "open"
  const document = await loadInvoiceDocument(req.scope, link.order_id, {
    pay_url: open ? payPageUrl(req.scope, publicUrlOf(req), link.token_nonce) : null,
    message: link.message,
  })
  if (!document) return sendUnknownLink(res)
  if (open && !document.order_canceled) document.amount_due = amountDueByLink(Number(link.amount), document.outstanding)
  else document.pay_url = null
  sendPdf(res, await renderOrderInvoicePdf(req.scope, document), invoiceFileName(document.invoice_number))
}

export const AUTHENTICATE = false
