import { MedusaError } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { stripeSettings } from "../stripe/configured-gateway"
import { connectClientId } from "./connect-client-id"
import { findStripeConnection } from "./stripe-connection"

/**
 * The account every Stripe call must name in `Stripe-Account`, or undefined when calls act on
 * the API key's own account. With Connect OAuth configured but no account connected it throws:
 * charging then would take the money into the platform's account instead of the merchant's.
 */
export async function getStripeAccountId(container: MedusaContainer): Promise<string | undefined> {
  const { options } = stripeSettings(container)
  if (connectClientId(options)) {
    const connection = await findStripeConnection(container)
    if (connection?.mode === "oauth" && connection.stripe_account_id) {
      return connection.stripe_account_id
    }
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "No Stripe account is connected: connect one in Settings → Stripe first")
  }
  return options.connect?.accountId
}
