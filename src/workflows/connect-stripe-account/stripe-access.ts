import type { MedusaContainer } from "@medusajs/framework/types"
import { parseStripeCollectOptions, type StripeCollectOptions } from "../../providers/stripe-collect/options"
import { createStripeClient, type StripeClient } from "../../stripe/client"
import { readStripeCollectProviderConfig } from "./stripe-collect-provider-config"

export type StripeAccess = {
  /** The provider id from medusa-config: `pp_stripe-collect_<id>`, webhooks at `/hooks/payment/stripe-collect_<id>`. */
  providerId: string
  options: StripeCollectOptions
  stripe: StripeClient
}

/** The Stripe client and options of the payment provider, for the settings and connect workflows. */
// One parsed copy and one client per configured options object, not one per request.
const built = new WeakMap<object, StripeAccess>()

export function stripeAccess(container: Pick<MedusaContainer, "resolve">): StripeAccess {
  const { id, options } = readStripeCollectProviderConfig(container)
  const cached = built.get(options)
  if (cached && cached.providerId === id) return cached
  const parsed = parseStripeCollectOptions(options)
  const access = { providerId: id, options: parsed, stripe: createStripeClient(parsed) }
  built.set(options, access)
  return access
}

// Lives in its own file now, so callers keep it when this file goes.
export { connectClientId } from "./connect-client-id"
