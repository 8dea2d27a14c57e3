import { Modules } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { INTEGRATION_ERROR_TEMPLATE, type IntegrationErrorEmailData } from "../emails"
import { dashboardUrl } from "../integration-errors/dashboard-url"

export type AccountChange = {
  change_id: string
  to: string
  store_name: string | null
  from_account: string
  to_account: string
  actor_label: string
  changed_at: Date
}

/**
 * Tells the integration-error address the store had before that payments now go to another Stripe account:
 * whoever changed it, the merchant hears of it at the address they set.
 */
export async function emailAccountChange(container: MedusaContainer, change: AccountChange) {
  const data: IntegrationErrorEmailData = {
    store_name: change.store_name,
    what_happened: "The store's Stripe account was changed",
    details: `Payments now go to the Stripe account ${change.to_account} instead of ${change.from_account}. Changed by ${change.actor_label}.`,
    operation: "Change the Stripe account in Settings → Stripe",
    occurred_at: change.changed_at.toISOString(),
    what_to_do:
      "If you made this change, nothing is needed. If not, sign in, check Settings → Stripe (its Recent changes list who changed what) and connect your own account again.",
    dashboard_url: dashboardUrl(container, "settings/stripe-collect"),
  }
  await container.resolve(Modules.NOTIFICATION).createNotifications({
    to: change.to,
    channel: "email",
    template: INTEGRATION_ERROR_TEMPLATE,
    data,
    trigger_type: "stripe-collect.stripe-account-changed",
    resource_id: change.change_id,
    resource_type: "stripe_collect_settings_change",
    // One email per change, however often this is retried.
    idempotency_key: `stripe-collect-account-changed-${change.change_id}`,
  })
}
