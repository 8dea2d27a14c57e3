import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { Receipt } from "./receipt"
import { renderReceiptPdf } from "./receipt-pdf"

/** The receipt PDF, with a warning in the server log when its font lacks characters (they print as "?"). */
export function renderOrderReceiptPdf(container: MedusaContainer, receipt: Receipt): Promise<Buffer> {
  return renderReceiptPdf(receipt, {
    onMissingCharacters: (characters) =>
      container
        .resolve(ContainerRegistrationKeys.LOGGER)
        .warn(
          `stripe-collect: receipt ${receipt.receipt_number} prints "${characters.join("")}" as "?": the invoice font lacks them. ` +
            "Set STRIPE_COLLECT_INVOICE_FONT to a TrueType or OpenType font that has them (see the README)."
        ),
  })
}
