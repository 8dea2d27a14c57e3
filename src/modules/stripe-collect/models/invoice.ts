import { model } from "@medusajs/framework/utils"

// An order's invoice: numbered once from its store's sequence, never changed or deleted. An order edit that
// changes the total issues a new version under the same number (the old one "superseded"); a cancel voids it.
const Invoice = model
  .define("stripe_collect_invoice", {
    id: model.id({ prefix: "scinv" }).primaryKey(),
    order_id: model.text(),
    store_id: model.text(),
    number: model.text(),
    version: model.number().default(1),
    status: model.enum(["issued", "superseded", "void"]).default("issued"),
    // The order's total and currency this version was issued for.
    order_total: model.bigNumber(),
    currency_code: model.text(),
    issued_at: model.dateTime(),
    // The terms and due date (YYYY-MM-DD, store time zone) it was issued with; each link may ask by its own date.
    terms: model.text().nullable(),
    due_date: model.text().nullable(),
    superseded_at: model.dateTime().nullable(),
    voided_at: model.dateTime().nullable(),
  })
  .indexes([
    { on: ["store_id", "number", "version"], unique: true },
    { on: ["order_id", "version"], unique: true },
  ])

export default Invoice
