import type Stripe from "stripe"
import type { MedusaContainer } from "@medusajs/framework/types"
import { FLOW_KEY } from "../../providers/stripe-collect/metadata"
import { ATTEMPT_METADATA_KEY } from "../charge-order-card/charge-details"
import { getStripeAccountId } from "../connect-stripe-account/get-stripe-account-id"
import { stripeAccess } from "../connect-stripe-account/stripe-access"

// A scan of a very busy account stops after 100 pages of 100.
const MAX_INTENTS = 10_000

export type AdminChargeFilter = {
  /** PaymentIntents created at or after this moment. */
  since: Date
  order_id?: string
  /** One attempt's Stripe idempotency key (metadata `stripe_collect_attempt`). */
  attempt_key?: string
}

/** The PaymentIntents the plugin's admin charges made since a moment, as Stripe has them now. */
export async function findAdminCharges(container: MedusaContainer, filter: AdminChargeFilter): Promise<Stripe.PaymentIntent[]> {
  const { stripe } = stripeAccess(container)
  const stripeAccount = await getStripeAccountId(container)
  const intents = await stripe.paymentIntents
    .list(
      { created: { gte: Math.floor(filter.since.getTime() / 1000) }, limit: 100 },
      stripeAccount ? { stripeAccount } : undefined
    )
    .autoPagingToArray({ limit: MAX_INTENTS })
  return intents.filter(
    (intent) =>
      intent.metadata?.[FLOW_KEY] === "admin_charge" &&
      (!filter.order_id || intent.metadata.order_id === filter.order_id) &&
      (!filter.attempt_key || intent.metadata[ATTEMPT_METADATA_KEY] === filter.attempt_key)
  )
}
