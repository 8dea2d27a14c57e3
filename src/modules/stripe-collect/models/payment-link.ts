import { model } from "@medusajs/framework/utils"

// A link emailed to a customer to pay part or all of an order. The token is never stored: it is derived
// from token_nonce with the server's secret (so the email can be resent) and looked up by its hash.
const PaymentLink = model
  .define("stripe_collect_payment_link", {
    id: model.id({ prefix: "paylink" }).primaryKey(),
    order_id: model.text(),
    payment_collection_id: model.text().nullable(),
    token_hash: model.text(),
    token_nonce: model.text(),
    amount: model.bigNumber(),
    currency_code: model.text(),
    email: model.text(),
    message: model.text().nullable(),
    // "processing": paid by a bank debit Stripe has not settled yet; back to "viewed" if the bank refuses it.
    status: model.enum(["sent", "viewed", "processing", "paid", "canceled", "expired"]).default("sent"),
    expires_at: model.dateTime(),
    sent_at: model.dateTime().nullable(),
    viewed_at: model.dateTime().nullable(),
    paid_at: model.dateTime().nullable(),
    canceled_at: model.dateTime().nullable(),
    reminder_sent_at: model.dateTime().nullable(),
    checkout_session_id: model.text().nullable(),
    payment_intent_id: model.text().nullable(),
  })
  .indexes([{ on: ["token_hash"], unique: true }, { on: ["order_id"] }])

export default PaymentLink
