import { MedusaError } from "@medusajs/framework/utils"
import type { StripeCollectOptions } from "../providers/stripe-collect/options"
import { createStripeClient } from "./client"
import type { StripeAccountGateway, StripeAccountRef, StripeGateway } from "./gateway"
import { accountsGateway } from "./resources/accounts"
import { checkoutSessionsGateway } from "./resources/checkout-sessions"
import { customersGateway } from "./resources/customers"
import { oauthGateway } from "./resources/oauth"
import { paymentIntentsGateway } from "./resources/payment-intents"
import { paymentMethodsGateway } from "./resources/payment-methods"
import { refundsGateway } from "./resources/refunds"
import { disputesGateway } from "./resources/disputes"
import { eventsGateway } from "./resources/events"
import { setupIntentsGateway } from "./resources/setup-intents"
import { webhookSignatures } from "./resources/webhook-signatures"
import { DEFAULT_RETRY_POLICY, type StripeRetryPolicy } from "./retry"
import { singleTryHttpClient } from "./single-try-http-client"
import { stripeCall } from "./stripe-call"

export type StripeGatewaySettings = Pick<StripeCollectOptions, "apiKey" | "webhookSecret"> &
  Partial<Pick<StripeCollectOptions, "apiBase" | "timeout" | "maxNetworkRetries">> & {
    /** Extra tries after a 429; default 2. */
    maxRateLimitRetries?: number
    /** The first wait between tries, in ms; default 500. */
    retryDelayMs?: number
    /** How to wait between tries; tests pass one that does not wait. */
    sleep?: (ms: number) => Promise<void>
  }

/**
 * The gateway over the official SDK: one client for these settings (API version pinned by
 * src/stripe/client.ts, the SDK's own retries off), the gateway's retry policy, the one error mapper,
 * and `Stripe-Account` on every call made through `onAccount(account)`.
 */
export function createStripeGateway(settings: StripeGatewaySettings): StripeGateway {
  const stripe = createStripeClient({
    apiKey: settings.apiKey,
    apiBase: settings.apiBase,
    timeout: settings.timeout,
    maxNetworkRetries: 0,
    httpClient: singleTryHttpClient(),
  })
  const retry: StripeRetryPolicy = {
    ...DEFAULT_RETRY_POLICY,
    maxNetworkRetries: settings.maxNetworkRetries ?? DEFAULT_RETRY_POLICY.maxNetworkRetries,
    maxRateLimitRetries: settings.maxRateLimitRetries ?? DEFAULT_RETRY_POLICY.maxRateLimitRetries,
    baseDelayMs: settings.retryDelayMs ?? DEFAULT_RETRY_POLICY.baseDelayMs,
    sleep: settings.sleep ?? DEFAULT_RETRY_POLICY.sleep,
  }

  const onOneAccount = (account: StripeAccountRef): StripeAccountGateway => {
    const call = stripeCall(stripe, account, retry)
    return {
      account,
      paymentIntents: paymentIntentsGateway(call),
      checkoutSessions: checkoutSessionsGateway(call),
      refunds: refundsGateway(call),
      disputes: disputesGateway(call),
      events: eventsGateway(call),
      customers: customersGateway(call),
      paymentMethods: paymentMethodsGateway(call),
      setupIntents: setupIntentsGateway(call),
      accounts: accountsGateway(call),
    }
  }

  const own = onOneAccount(undefined)
  // Built once per connected account: a store has one, a platform a handful.
  const connected = new Map<string, StripeAccountGateway>()
  const onAccount = (account: StripeAccountRef): StripeAccountGateway => {
    if (!account) return own
    if (!account.startsWith("acct_")) {
      throw new MedusaError(MedusaError.Types.INVALID_ARGUMENT, `"${account}" is not a Stripe account id (acct_...)`)
    }
    let gateway = connected.get(account)
    if (!gateway) {
      gateway = onOneAccount(account)
      connected.set(account, gateway)
    }
    return gateway
  }

  return {
    ...own,
    onAccount,
    oauth: oauthGateway(stripeCall(stripe, undefined, retry)),
    webhooks: webhookSignatures(stripe, settings.webhookSecret),
    testMode: /^(sk|rk)_test_/.test(settings.apiKey),
  }
}
