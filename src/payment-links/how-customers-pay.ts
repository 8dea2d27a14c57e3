/** What a payment link's Checkout offers: cards (wallets are cards), or every method the Stripe account enabled. */
export type LinkPaymentMethods = "cards" | "all"

export const LINK_PAYMENT_METHODS: readonly LinkPaymentMethods[] = ["cards", "all"]

/**
 * How the customer can pay, in the words the email, the pay page and the admin's popup use. Honest about
 * "all": what Checkout offers also depends on the customer's currency, country and device.
 */
export function howCustomersPay(methods: LinkPaymentMethods): string {
  return methods === "all" ? "by card, wallet or bank payment, as available where you are" : "by card"
}
