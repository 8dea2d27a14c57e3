import Stripe from "stripe"
import type { StripeCollectOptions } from "../providers/stripe-collect/options"

/** The API version every request uses: the one this SDK release is typed for. */
export const STRIPE_API_VERSION = Stripe.API_VERSION

/** Sent with every request so Stripe (and the merchant's request log) can tell the plugin's calls apart. */
export const STRIPE_APP_INFO = {
  name: "medusa-stripe-collect",
  url: "https://www.npmjs.com/package/medusa-stripe-collect",
} as const

export type StripeClient = Stripe

export type StripeClientSettings = Pick<StripeCollectOptions, "apiKey"> &
  Partial<Pick<StripeCollectOptions, "apiBase" | "maxNetworkRetries" | "timeout">> & {
    /** How requests travel; the gateway passes one that never repeats a request by itself. */
    httpClient?: Stripe.HttpClient
  }

/**
 * The one place a Stripe client is built, so the API version, retries, app info and the sandbox
 * override are the same for the provider, the admin charge, payment links and settings.
 */
export function createStripeClient(settings: StripeClientSettings): StripeClient {
  return new Stripe(settings.apiKey, {
    apiVersion: STRIPE_API_VERSION,
    maxNetworkRetries: settings.maxNetworkRetries ?? 2,
    timeout: settings.timeout ?? 40_000,
    appInfo: STRIPE_APP_INFO,
    typescript: true,
    ...(settings.httpClient ? { httpClient: settings.httpClient } : {}),
    ...(settings.apiBase
      ? {
          host: settings.apiBase.host,
          port: settings.apiBase.port,
          protocol: settings.apiBase.protocol ?? "https",
        }
      : {}),
  })
}
