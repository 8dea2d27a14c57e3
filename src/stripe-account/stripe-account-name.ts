import type Stripe from "stripe"

/** The name the merchant knows their Stripe account by, as Stripe's Dashboard shows it. */
export function stripeAccountName(account: Pick<Stripe.Account, "settings" | "business_profile" | "email">): string | null {
  return account.settings?.dashboard?.display_name?.trim() || account.business_profile?.name?.trim() || account.email?.trim() || null
}
