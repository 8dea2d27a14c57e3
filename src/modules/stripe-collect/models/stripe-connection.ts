import { model } from "@medusajs/framework/utils"

// The merchant's Stripe connection and notification settings; one row per store.
// No secret lives here: the API key stays in the server's configuration, and Connect OAuth
// tokens are never stored because later calls use the platform key with `Stripe-Account`.
const StripeConnection = model.define("stripe_collect_connection", {
  id: model.id({ prefix: "scconn" }).primaryKey(),
  store_name: model.text().nullable(),
  error_email: model.text().nullable(),
  mode: model.enum(["api_key", "oauth"]).default("api_key"),
  stripe_account_id: model.text().nullable(),
  account_display_name: model.text().nullable(),
  livemode: model.boolean().default(false),
  connected_at: model.dateTime().nullable(),
  last_webhook_at: model.dateTime().nullable(),
  // A pending Connect OAuth `state`: only its SHA-256 is kept, bound to the admin who started it.
  oauth_state_hash: model.text().nullable(),
  oauth_state_user_id: model.text().nullable(),
  oauth_state_expires_at: model.dateTime().nullable(),
  // Webhook signature failures since the last verified event, for the health panel and alerts.
  webhook_failure_count: model.number().default(0),
  last_webhook_failure_at: model.dateTime().nullable(),
  // Reconciliation's place in Stripe's list of refund and dispute events: the newest one it has read.
  money_out_event_cursor: model.text().nullable(),
  // What a payment link's Checkout offers: cards only, or every method enabled in the merchant's Stripe account.
  link_payment_methods: model.enum(["cards", "all"]).default("cards"),
  // With "all": a Stripe payment method configuration (`pmc_...`) choosing the methods; null = the account's default.
  payment_method_configuration: model.text().nullable(),
  // The invoice number's prefix; {YYYY} is the year of issue (null: INV-{YYYY}-).
  invoice_prefix: model.text().nullable(),
  // The store's postal address, printed under its name on invoice and receipt PDFs (lines separated by newlines).
  store_address: model.text().nullable(),
  // Where the merchant is told a link was paid or a dispute opened; null: the integration-error address.
  payment_notification_email: model.text().nullable(),
  // The customer gets the store's receipt email after each payment (unless Stripe sends its own).
  customer_receipts: model.boolean().default(true),
  // The store's IANA time zone: due dates are its calendar days and reminders go out at most once a day in it.
  time_zone: model.text().nullable(),
  // The reminder schedule: { steps: [{ days, enabled }] } relative to the due date (null: 3 before, on, 7 and 14 after).
  reminder_schedule: model.json().nullable(),
})

export default StripeConnection
