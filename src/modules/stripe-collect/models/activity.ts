import { model } from "@medusajs/framework/utils"

// One line of the order's Stripe activity: a charge attempt, a link event or an integration error.
const Activity = model
  .define("stripe_collect_activity", {
    id: model.id({ prefix: "scact" }).primaryKey(),
    order_id: model.text().nullable(),
    kind: model.enum(["charge", "payment_link", "refund", "dispute", "webhook", "error"]),
    status: model.text(),
    operation: model.text().nullable(),
    amount: model.bigNumber().nullable(),
    currency_code: model.text().nullable(),
    payment_link_id: model.text().nullable(),
    payment_collection_id: model.text().nullable(),
    stripe_object_id: model.text().nullable(),
    stripe_request_id: model.text().nullable(),
    idempotency_key: model.text().nullable(),
    // Stripe's idempotency key of a charge (also in the PaymentIntent's metadata): ties a lost answer to its PaymentIntent.
    attempt_key: model.text().nullable(),
    card_brand: model.text().nullable(),
    card_last4: model.text().nullable(),
    // How the customer paid when it was not a plain card: "SEPA Direct Debit •••• 3000", "Apple Pay · Visa •••• 4242".
    payment_method: model.text().nullable(),
    failure_code: model.text().nullable(),
    decline_code: model.text().nullable(),
    message: model.text().nullable(),
    livemode: model.boolean().default(false),
    // A charge: card_on_file, mail_phone_order or customer_not_present (src/charges/card-entry.ts).
    card_entry: model.text().nullable(),
    // The admin user who charged or sent it.
    actor_id: model.text().nullable(),
    // The sentence staff confirmed the customer agreed to when the card was saved (the line's created_at is when).
    consent_text: model.text().nullable(),
  })
  .indexes([{ on: ["order_id"] }, { on: ["kind", "created_at"] }])

export default Activity
