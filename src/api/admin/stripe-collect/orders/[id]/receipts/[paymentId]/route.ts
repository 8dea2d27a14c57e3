import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { loadReceipt, receiptFileName } from "../../../../../../../receipts/receipt"
import { renderOrderReceiptPdf } from "../../../../../../../receipts/receipt-document"
import { sendPdf } from "../../../../../../utils/send-pdf"

// The order card's "Receipt" on a payment: the same PDF the customer's receipt email carries.
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const receipt = await loadReceipt(req.scope, req.params.id, req.params.paymentId)
  if (!receipt) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order ${req.params.id} has no Stripe payment ${req.params.paymentId}`)
  }
  sendPdf(res, await renderOrderReceiptPdf(req.scope, receipt), receiptFileName(receipt))
}
