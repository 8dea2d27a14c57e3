import { model } from "@medusajs/framework/utils"

// The last number issued in one invoice series (a store's prefix, e.g. "INV-2026-"). It moves only in the
// transaction that writes the invoice, so a rolled-back issue gives its number back: no gaps, no repeats.
const InvoiceSequence = model
  .define("stripe_collect_invoice_sequence", {
    id: model.id({ prefix: "scinvseq" }).primaryKey(),
    series: model.text(),
    last_number: model.number().default(0),
  })
  .indexes([{ on: ["series"], unique: true }])

export default InvoiceSequence
