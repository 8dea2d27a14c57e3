import type { StripeCollectOptions } from "../providers/stripe-collect/options"

/** The Connect platform's client id, when the merchant connects through OAuth instead of an own key. */
export function connectClientId(options: StripeCollectOptions): string | undefined {
  return options.connect?.clientId
}
