import { model } from "@medusajs/framework/utils"

/**
 * A Stripe dispute (chargeback or inquiry) on a payment already in Medusa, by Stripe's id. Its status is
 * Stripe's, every one of them (warning_*, needs_response, under_review, won, lost, prevented); `lost` is
 * not final, an appeal can still win.
 */
const Dispute = model
  .define("stripe_collect_dispute", {
    id: model.id({ prefix: "scdsp" }).primaryKey(),
    stripe_dispute_id: model.text(),
    charge_id: model.text(),
    payment_intent_id: model.text(),
    stripe_account: model.text().nullable(),
    order_id: model.text(),
    payment_id: model.text(),
    amount: model.bigNumber(),
    currency_code: model.text(),
    reason: model.text(),
    status: model.text(),
    evidence_due_by: model.dateTime().nullable(),
    livemode: model.boolean().default(false),
    /** When the merchant was emailed that it opened (once). */
    notified_at: model.dateTime().nullable(),
  })
  .indexes([{ on: ["stripe_dispute_id"], unique: true }, { on: ["order_id"] }])

export default Dispute
