import { model } from "@medusajs/framework/utils"

/**
 * The ledger of money out: one row per Stripe refund, or per lost dispute, on a payment already in
 * Medusa, keyed by Stripe's own id so it is written once. It says which Medusa refund records it, and,
 * when Stripe later gave the money back (a refund that failed, a dispute won on appeal), which Medusa
 * payment records its return — Medusa 2.21 cannot undo a refund.
 */
const MoneyOut = model
  .define("stripe_collect_money_out", {
    id: model.id({ prefix: "scout" }).primaryKey(),
    kind: model.enum(["refund", "dispute_lost"]),
    /** `re_...` for a refund, `dp_...` for a lost dispute. */
    stripe_object_id: model.text(),
    payment_intent_id: model.text(),
    stripe_account: model.text().nullable(),
    order_id: model.text(),
    /** The Medusa payment the money left (a payment of this provider). */
    payment_id: model.text(),
    /** The Medusa refund that records it; null while not (yet) recorded. */
    medusa_refund_id: model.text().nullable(),
    /** Made through Medusa (its Refund button, the Stripe card) or directly in Stripe. */
    origin: model.enum(["medusa", "stripe"]),
    /** Major units, in the payment's currency. */
    amount: model.bigNumber(),
    currency_code: model.text(),
    /** Stripe's status as last read: pending, succeeded, failed, canceled, requires_action; lost for disputes. */
    stripe_status: model.text(),
    /** The Medusa payment that records the money coming back (refund failed, dispute reinstated). */
    returned_payment_id: model.text().nullable(),
    returned_at: model.dateTime().nullable(),
    activity_id: model.text().nullable(),
  })
  .indexes([{ on: ["stripe_object_id"], unique: true }, { on: ["order_id"] }, { on: ["payment_id"] }])

export default MoneyOut
