import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { findLinkByToken, linkState } from "../../../../../payment-links/find-link"
import { amountDueByLink } from "../../../../../payment-links/open-link-checkout"
import { payPageUrl } from "../../../../../payment-links/token"
import { loadInvoiceDocument, invoiceFileName, renderOrderInvoicePdf } from "../../../../../invoices/invoice-document"
import { publicUrlOf } from "../../../../utils/public-url"
import { sendPdf } from "../../../../utils/send-pdf"
import { sendPage, sendUnknownLink, tooManyDownloadsNotice } from "../../responses"
import { checkRateLimits, INVOICE_DOWNLOADS_PER_ADDRESS, INVOICE_DOWNLOADS_PER_LINK } from "../../../../../rate-limits/limits"
import { clientAddress } from "../../../../../rate-limits/client-address"

// The invoice PDF of the link's order, as emailed. Public: the token is the key. Each download renders the PDF, so
// downloads are limited per client address (before any lookup) and per link, like Pay presses.
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const address = clientAddress(req)
  const byAddress = address ? await checkRateLimits(req.scope, [{ limit: INVOICE_DOWNLOADS_PER_ADDRESS, key: address }]) : null
  if (byAddress && !byAddress.allowed) return sendTooMany(res, byAddress.retryAfterSeconds)
  const link = await findLinkByToken(req.scope, req.params.token)
  if (!link) return sendUnknownLink(res)
  const byLink = await checkRateLimits(req.scope, [{ limit: INVOICE_DOWNLOADS_PER_LINK, key: link.id }])
  if (!byLink.allowed) return sendTooMany(res, byLink.retryAfterSeconds)
  const open = linkState(link) === "open"
  const document = await loadInvoiceDocument(req.scope, link.order_id, {
    pay_url: open ? payPageUrl(req.scope, publicUrlOf(req), link.token_nonce) : null,
    message: link.message,
    terms: link.terms,
    due_date: link.due_date,
  })
  if (!document) return sendUnknownLink(res)
  if (open && !document.order_canceled) document.amount_due = amountDueByLink(Number(link.amount), document.outstanding)
  else document.pay_url = null
  sendPdf(res, await renderOrderInvoicePdf(req.scope, document), invoiceFileName(document.invoice_number))
}

function sendTooMany(res: MedusaResponse, retryAfterSeconds: number) {
  res.setHeader("Retry-After", String(retryAfterSeconds))
  sendPage(res, 429, tooManyDownloadsNotice(retryAfterSeconds))
}

export const AUTHENTICATE = false
