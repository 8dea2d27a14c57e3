import type { MedusaContainer } from "@medusajs/framework/types"
import { parseStripeCollectOptions, type StripeCollectOptions } from "../../providers/stripe-collect/options"
import { createStripeClient, type StripeClient } from "../../providers/stripe-collect/stripe-client"
import { readStripeCollectProviderConfig } from "./stripe-collect-provider-config"

export type StripeAccess = {
  /** The provider id from medusa-config: `pp_stripe-collect_<id>`, webhooks at `/hooks/payment/stripe-collect_<id>`. */
  providerId: string
  options: StripeCollectOptions
  stripe: StripeClient
}

/** The Stripe client and options of the payment provider, for the settings and connect workflows. */
export function stripeAccess(container: Pick<MedusaContainer, "resolve">): StripeAccess {
  const { id, options } = readStripeCollectProviderConfig(container)
  const parsed = parseStripeCollectOptions(options)
  return { providerId: id, options: parsed, stripe: createStripeClient(parsed) }
}

/** The Connect platform's client id, when the merchant connects through OAuth instead of an own key. */
export function connectClientId(options: StripeCollectOptions): string | undefined {
  return options.connect?.clientId
}
