import { model } from "@medusajs/framework/utils"

/**
 * The audit trail of Settings → Stripe: one row per changed field (the Stripe account, the store name, an
 * email address), saying who changed it, when (created_at) and from what to what. Rows are only ever added.
 */
const SettingsChange = model
  .define("stripe_collect_settings_change", {
    id: model.id({ prefix: "scchg" }).primaryKey(),
    /** The connection column that changed, e.g. `stripe_account_id`, `store_name`, `error_email`. */
    field: model.text(),
    from_value: model.text().nullable(),
    to_value: model.text().nullable(),
    /** Who: an admin user, a secret API key, or Stripe itself (an account that revoked access). */
    actor_type: model.enum(["user", "api_key", "stripe", "system"]),
    actor_id: model.text().nullable(),
    /** Who in words, as it was then: the admin's email, "secret API key", "Stripe". */
    actor_label: model.text(),
  })
  .indexes([{ on: ["field", "created_at"] }])

export default SettingsChange
