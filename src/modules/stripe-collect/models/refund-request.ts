import { model } from "@medusajs/framework/utils"

/**
 * A refund the plugin asks Stripe for (the order card's Refund, or money that arrived for a canceled order),
 * written before Stripe is called — the money-out twin of a charge attempt. Its key is Stripe's idempotency
 * key, so a retry (or recovery) is the same request to Stripe and never a second refund; Stripe's refund
 * names this row in its metadata, so a lost answer is recorded, once, from the refund's webhook.
 */
const RefundRequest = model
  .define("stripe_collect_refund_request", {
    id: model.id({ prefix: "scrr" }).primaryKey(),
    order_id: model.text(),
    /** The Medusa payment of this provider the money is given back from. */
    payment_id: model.text(),
    payment_intent_id: model.text(),
    stripe_account: model.text().nullable(),
    /** Major units, and the same in Stripe's minor units. */
    amount: model.bigNumber(),
    amount_minor: model.number(),
    currency_code: model.text(),
    /** Stripe's idempotency key for this refund. */
    stripe_key: model.text(),
    /** order_card: staff pressed Refund; canceled_order: money arrived after the order was canceled. */
    origin: model.enum(["order_card", "canceled_order"]),
    /**
     * pending: sent to Stripe; lost: Stripe's answer never came (checked later); refunded: Stripe made it and
     * Medusa recorded it; refused: Stripe said no (nothing refunded); not_refunded: Stripe never received it.
     */
    status: model.enum(["pending", "lost", "refunded", "refused", "not_refunded"]),
    refund_reason_id: model.text().nullable(),
    note: model.text().nullable(),
    requested_by: model.text().nullable(),
    stripe_refund_id: model.text().nullable(),
    failure_code: model.text().nullable(),
    message: model.text().nullable(),
    /** The order's activity line for this request (waiting, refused, refunded). */
    activity_id: model.text().nullable(),
  })
  .indexes([{ on: ["stripe_key"], unique: true }, { on: ["order_id"] }, { on: ["payment_id"] }, { on: ["status"] }])

export default RefundRequest
