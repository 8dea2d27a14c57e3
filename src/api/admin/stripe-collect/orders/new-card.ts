import type { StripeCollectOptions } from "../../../../providers/stripe-collect/options"

/** What the dashboard needs to take a new card in Stripe's own card field (Stripe.js); no secret. */
export type NewCardSetup = {
  /** The publishable key Stripe.js is started with (pk_live_/pk_test_). */
  publishable_key: string
  /** Where Stripe.js is loaded from (https://js.stripe.com/v3/, or the local sandbox's). */
  stripe_js_url: string
  /** The connected account the PaymentMethod must be made on (Stripe.js's `stripeAccount`), if any. */
  stripe_account: string | null
}

/** The new-card setup, or null when the provider has no publishable key (the choice is then not offered). */
export function newCardSetup(options: StripeCollectOptions, stripeAccount: string | undefined): NewCardSetup | null {
  if (!options.publishableKey) return null
  return {
    publishable_key: options.publishableKey,
    stripe_js_url: options.stripeJsUrl,
    stripe_account: stripeAccount ?? null,
  }
}
