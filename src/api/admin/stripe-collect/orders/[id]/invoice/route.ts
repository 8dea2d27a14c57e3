import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { STRIPE_COLLECT_MODULE } from "../../../../../../modules/stripe-collect"
import type StripeCollectModuleService from "../../../../../../modules/stripe-collect/service"
import { linkState } from "../../../../../../payment-links/find-link"
import { payPageUrl } from "../../../../../../payment-links/token"
import { invoiceFileName, loadInvoiceDocument, renderOrderInvoicePdf } from "../../../../../../invoices/invoice-document"
import { publicUrlOf } from "../../../../../utils/public-url"
import { sendPdf } from "../../../../../utils/send-pdf"
import { sendCollectError } from "../../../../../utils/send-collect-error"
import { issueOrderInvoice } from "../../../../../../payment-links/issue-invoice"
import type { PostOrderInvoiceType } from "../../validators"
import { toInvoiceResponse } from "../../invoice-response"

// The order card's "Invoice PDF": what the order still owes, with its newest open link's pay URL.
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const service = req.scope.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)
  const links = await service.listPaymentLinks({ order_id: req.params.id }, { order: { created_at: "DESC" }, take: 100 })
  const open = links.find((link) => linkState(link) === "open")
  const document = await loadInvoiceDocument(req.scope, req.params.id, {
    pay_url: open ? payPageUrl(req.scope, publicUrlOf(req), open.token_nonce) : null,
    message: open?.message ?? null,
    terms: open?.terms ?? null,
    due_date: open?.due_date ?? null,
  })
  if (!document) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      "This order has no invoice yet: Issue invoice on the order card, or its first payment link, issues it"
    )
  }
  if (document.order_canceled) document.pay_url = null
  sendPdf(res, await renderOrderInvoicePdf(req.scope, document), invoiceFileName(document.invoice_number))
}

// Issue invoice: the order's invoice before any link, numbered from the same series; 409 when it has one.
export async function POST(req: AuthenticatedMedusaRequest<PostOrderInvoiceType>, res: MedusaResponse) {
  try {
    const invoice = await issueOrderInvoice(req.scope, req.params.id, req.validatedBody ?? {})
    res.status(201).json({ invoice: toInvoiceResponse(invoice) })
  } catch (error) {
    if (!sendCollectError(res, error)) throw error
  }
}
