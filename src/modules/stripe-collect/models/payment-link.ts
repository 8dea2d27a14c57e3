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
    // Payment terms (due_on_receipt, net_7 ... net_60, date) and the due date they give, a calendar day (YYYY-MM-DD)
    // in the store's time zone; null on links sent before terms existed (no due date, never overdue).
    terms: model.text().nullable(),
    due_date: model.text().nullable(),
    // The store-time-zone day the link last got a reminder (at most one a day), and the schedule step (days from
    // the due date) last sent, so each step goes out once.
    last_reminder_on: model.text().nullable(),
    reminder_step: model.number().nullable(),
    checkout_session_id: model.text().nullable(),
    payment_intent_id: model.text().nullable(),
  })
  .indexes([{ on: ["token_hash"], unique: true }, { on: ["order_id"] }])

export default PaymentLink
