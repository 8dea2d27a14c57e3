import type { MedusaContainer } from "@medusajs/framework/types"
import { stripeSettings } from "../stripe/configured-gateway"
import { findStripeConnection } from "../stripe-account/stripe-connection"

/** Whether customers get the store's receipt email, and why not when they do not. */
export type CustomerReceipts = {
  /** The merchant's switch in Settings → Stripe (on by default). */
  switch_on: boolean
  /** The provider's `receipts` option: Stripe emails its own receipt, so the store's would be a duplicate. */
  stripe_sends_receipts: boolean
  /** The receipt email goes out. */
  enabled: boolean
}

export async function customerReceipts(container: Pick<MedusaContainer, "resolve">): Promise<CustomerReceipts> {
  const connection = await findStripeConnection(container)
  const switchOn = connection?.customer_receipts ?? true
  const stripeSends = stripeSettings(container).options.receipts
  return { switch_on: switchOn, stripe_sends_receipts: stripeSends, enabled: switchOn && !stripeSends }
}
