/** Stripe's test PaymentMethods offered in test mode, so a charge works without a real card. */
export const STRIPE_TEST_CARDS = [
  { id: "pm_card_visa", label: "Visa 4242 — succeeds", brand: "visa", last4: "4242" },
  { id: "pm_card_mastercard", label: "Mastercard 4444 — succeeds", brand: "mastercard", last4: "4444" },
  { id: "pm_card_chargeDeclined", label: "Visa 0002 — declined", brand: "visa", last4: "0002" },
  {
    id: "pm_card_chargeDeclinedInsufficientFunds",
    label: "Visa 9995 — insufficient funds",
    brand: "visa",
    last4: "9995",
  },
  {
    id: "pm_card_authenticationRequired",
    label: "Visa 3155 — bank asks the customer to authenticate",
    brand: "visa",
    last4: "3155",
  },
  { id: "pm_card_createDispute", label: "Visa 0259 — paid, then disputed by the customer", brand: "visa", last4: "0259" },
  { id: "pm_card_refundFail", label: "Visa 5126 — paid; refunds fail later", brand: "visa", last4: "5126" },
] as const
