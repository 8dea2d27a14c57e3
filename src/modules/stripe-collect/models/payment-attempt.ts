import { model } from "@medusajs/framework/utils"

/**
 * The ledger of money in: one row for every time our server asks Stripe to take money for an order —
 * an admin charge (a PaymentIntent) or a payment link's Checkout Session — written BEFORE Stripe is
 * called. A Stripe payment is recorded on an order only when it matches one of these rows (same order,
 * amount and currency); caller data and Stripe metadata never decide which order money belongs to.
 */
const PaymentAttempt = model
  .define("stripe_collect_payment_attempt", {
    id: model.id({ prefix: "scatt" }).primaryKey(),
    flow: model.enum(["admin_charge", "payment_link"]),
    order_id: model.text(),
    payment_link_id: model.text().nullable(),
    /** Major units, in the order's currency: what we asked Stripe to take. */
    amount: model.bigNumber(),
    currency_code: model.text(),
    /** The connected account the attempt was made on (`acct_...`); null for the API key's own account. */
    stripe_account: model.text().nullable(),
    /** Stripe's idempotency key of the call that takes the money, also in the Stripe object's metadata. */
    attempt_key: model.text(),
    /** The admin's Idempotency-Key header, so a repeated request answers what the first answered. */
    request_key: model.text().nullable(),
    status: model
      .enum(["pending", "open", "processing", "lost", "succeeded", "recorded", "declined", "failed", "not_charged", "expired"])
      .default("pending"),
    payment_intent_id: model.text().nullable(),
    checkout_session_id: model.text().nullable(),
    /** The Medusa payment that records this money: set once, so one Stripe payment backs one payment. */
    payment_id: model.text().nullable(),
    payment_collection_id: model.text().nullable(),
    /** The order's activity line that shows this attempt to the merchant. */
    activity_id: model.text().nullable(),
    failure_code: model.text().nullable(),
    decline_code: model.text().nullable(),
    message: model.text().nullable(),
    livemode: model.boolean().default(false),
    /** After this moment Stripe can no longer take money on it (a Checkout Session's expiry). */
    payable_until: model.dateTime().nullable(),
    settled_at: model.dateTime().nullable(),
  })
  .indexes([
    { on: ["attempt_key"], unique: true },
    { on: ["payment_intent_id"], unique: true, where: "payment_intent_id IS NOT NULL" },
    { on: ["checkout_session_id"], unique: true, where: "checkout_session_id IS NOT NULL" },
    { on: ["order_id"] },
    { on: ["status", "created_at"] },
  ])

export default PaymentAttempt
