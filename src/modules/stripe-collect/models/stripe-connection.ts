import { model } from "@medusajs/framework/utils"

// The merchant's Stripe connection and notification settings; one row per store.
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
})

export default StripeConnection
