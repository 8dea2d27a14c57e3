import type { MedusaContainer } from "@medusajs/framework/types"
import { findStripeConnection } from "../stripe-account/stripe-connection"

/**
 * Where the merchant hears that a link was paid or a dispute opened: the payment-notifications address of
 * Settings → Stripe, else the integration-error address (the default); null when neither is set.
 */
export async function paymentNotificationAddress(container: Pick<MedusaContainer, "resolve">) {
  const connection = await findStripeConnection(container)
  return {
    to: connection?.payment_notification_email || connection?.error_email || null,
    store_name: connection?.store_name ?? null,
  }
}
