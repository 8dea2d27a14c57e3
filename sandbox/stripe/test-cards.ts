// Stripe's documented test cards (https://docs.stripe.com/testing) and how each one behaves.

export interface CardDecline {
  code: string
  decline_code: string
  message: string
  /** Charge.outcome fields Stripe reports for this decline. */
  outcome: {
    network_status: "declined_by_network" | "not_sent_to_network"
    type: "issuer_declined" | "blocked" | "invalid"
    reason: string
    risk_level: string
    seller_message: string
  }
}

export interface TestCard {
  number: string
  brand: "visa" | "mastercard" | "amex" | "discover" | "diners" | "jcb" | "unionpay"
  funding: "credit" | "debit" | "prepaid"
  country: string
  /** Declined when charged (and when attached or set up, unless declinesOnlyWhenCharged). */
  decline?: CardDecline
  /** The decline happens on charges only; attaching to a customer succeeds (4000 0000 0000 0341). */
  declinesOnlyWhenCharged?: boolean
  /**
   * 3-D Secure: "always" on every payment and setup; "unless_set_up" on one-time payments, but not on
   * off-session payments once the card was set up (SetupIntent or setup_future_usage).
   */
  authentication?: "always" | "unless_set_up"
  /** Refunds of its charges: "pending" first (then succeeded), or "fail_later" (succeeded, then failed). */
  refunds?: "pending" | "fail_later"
  /** Its successful charges are disputed at once: a chargeback, or an inquiry (warning_needs_response). */
  dispute?: { reason: string; inquiry: boolean }
}

const issuerDecline = (
  code: string,
  decline_code: string,
  message: string,
  seller_message = "The bank did not return any further details with this decline."
): CardDecline => ({
  code,
  decline_code,
  message,
  outcome: { network_status: "declined_by_network", type: "issuer_declined", reason: decline_code, risk_level: "normal", seller_message },
})

export const DECLINES = {
  generic: issuerDecline("card_declined", "generic_decline", "Your card was declined."),
  insufficientFunds: issuerDecline(
    "card_declined",
    "insufficient_funds",
    "Your card has insufficient funds.",
    "The bank returned the decline code `insufficient_funds`."
  ),
  lostCard: issuerDecline("card_declined", "lost_card", "Your card was declined.", "The bank returned the decline code `lost_card`."),
  stolenCard: issuerDecline("card_declined", "stolen_card", "Your card was declined.", "The bank returned the decline code `stolen_card`."),
  expiredCard: issuerDecline(
    "expired_card",
    "expired_card",
    "Your card has expired.",
    "The bank returned the decline code `expired_card`."
  ),
  incorrectCvc: issuerDecline(
    "incorrect_cvc",
    "incorrect_cvc",
    "Your card's security code is incorrect.",
    "The bank returned the decline code `incorrect_cvc`."
  ),
  processingError: issuerDecline(
    "processing_error",
    "processing_error",
    "An error occurred while processing your card. Try again in a little bit.",
    "The bank returned the decline code `processing_error`."
  ),
  velocityExceeded: issuerDecline(
    "card_declined",
    "card_velocity_exceeded",
    "Your card was declined.",
    "The bank returned the decline code `card_velocity_exceeded`."
  ),
  fraudulent: {
    code: "card_declined",
    decline_code: "fraudulent",
    message: "Your card was declined.",
    outcome: {
      network_status: "not_sent_to_network",
      type: "blocked",
      reason: "highest_risk_level",
      risk_level: "highest",
      seller_message: "Stripe blocked this payment as too risky.",
    },
  } satisfies CardDecline,
} as const

/** Off-session payment on a card that needs 3-D Secure: Stripe's documented authentication_required decline. */
export const AUTHENTICATION_REQUIRED: CardDecline = issuerDecline(
  "authentication_required",
  "authentication_required",
  "Your card was declined. This transaction requires authentication.",
  "The bank returned the decline code `authentication_required`."
)

interface CatalogEntry extends TestCard {
  /** Magic PaymentMethod ids (pm_card_*) and token ids (tok_*) that stand for this card. */
  aliases: string[]
}

const us = "US"
const CATALOG: CatalogEntry[] = [
  { number: "4242424242424242", brand: "visa", funding: "credit", country: us, aliases: ["pm_card_visa", "tok_visa"] },
  { number: "4000056655665556", brand: "visa", funding: "debit", country: us, aliases: ["pm_card_visa_debit", "tok_visa_debit"] },
  { number: "5555555555554444", brand: "mastercard", funding: "credit", country: us, aliases: ["pm_card_mastercard", "tok_mastercard"] },
  { number: "2223003122003222", brand: "mastercard", funding: "credit", country: us, aliases: [] },
  {
    number: "5200828282828210",
    brand: "mastercard",
    funding: "debit",
    country: us,
    aliases: ["pm_card_mastercard_debit", "tok_mastercard_debit"],
  },
  {
    number: "5105105105105100",
    brand: "mastercard",
    funding: "prepaid",
    country: us,
    aliases: ["pm_card_mastercard_prepaid", "tok_mastercard_prepaid"],
  },
  { number: "378282246310005", brand: "amex", funding: "credit", country: us, aliases: ["pm_card_amex", "tok_amex"] },
  { number: "371449635398431", brand: "amex", funding: "credit", country: us, aliases: [] },
  { number: "6011111111111117", brand: "discover", funding: "credit", country: us, aliases: ["pm_card_discover", "tok_discover"] },
  { number: "3056930009020004", brand: "diners", funding: "credit", country: us, aliases: ["pm_card_diners", "tok_diners"] },
  { number: "3566002020360505", brand: "jcb", funding: "credit", country: "JP", aliases: ["pm_card_jcb", "tok_jcb"] },
  { number: "6200000000000005", brand: "unionpay", funding: "credit", country: "CN", aliases: ["pm_card_unionpay", "tok_unionpay"] },
  { number: "4000008260000000", brand: "visa", funding: "credit", country: "GB", aliases: ["pm_card_gb", "tok_gb"] },
  { number: "4000002760000016", brand: "visa", funding: "credit", country: "DE", aliases: ["pm_card_de", "tok_de"] },
  { number: "4000002500000003", brand: "visa", funding: "credit", country: "FR", aliases: ["pm_card_fr", "tok_fr"] },
  // Declines
  {
    number: "4000000000000002",
    brand: "visa",
    funding: "credit",
    country: us,
    decline: DECLINES.generic,
    aliases: ["pm_card_chargeDeclined", "pm_card_visa_chargeDeclined", "tok_chargeDeclined", "tok_visa_chargeDeclined"],
  },
  {
    number: "4000000000009995",
    brand: "visa",
    funding: "credit",
    country: us,
    decline: DECLINES.insufficientFunds,
    aliases: [
      "pm_card_chargeDeclinedInsufficientFunds",
      "pm_card_visa_chargeDeclinedInsufficientFunds",
      "tok_chargeDeclinedInsufficientFunds",
      "tok_visa_chargeDeclinedInsufficientFunds",
    ],
  },
  {
    number: "4000000000009987",
    brand: "visa",
    funding: "credit",
    country: us,
    decline: DECLINES.lostCard,
    aliases: [
      "pm_card_chargeDeclinedLostCard",
      "pm_card_visa_chargeDeclinedLostCard",
      "tok_chargeDeclinedLostCard",
      "tok_visa_chargeDeclinedLostCard",
    ],
  },
  {
    number: "4000000000009979",
    brand: "visa",
    funding: "credit",
    country: us,
    decline: DECLINES.stolenCard,
    aliases: [
      "pm_card_chargeDeclinedStolenCard",
      "pm_card_visa_chargeDeclinedStolenCard",
      "tok_chargeDeclinedStolenCard",
      "tok_visa_chargeDeclinedStolenCard",
    ],
  },
  {
    number: "4000000000000069",
    brand: "visa",
    funding: "credit",
    country: us,
    decline: DECLINES.expiredCard,
    aliases: [
      "pm_card_chargeDeclinedExpiredCard",
      "pm_card_visa_chargeDeclinedExpiredCard",
      "tok_chargeDeclinedExpiredCard",
      "tok_visa_chargeDeclinedExpiredCard",
    ],
  },
  {
    number: "4000000000000127",
    brand: "visa",
    funding: "credit",
    country: us,
    decline: DECLINES.incorrectCvc,
    aliases: [
      "pm_card_chargeDeclinedIncorrectCvc",
      "pm_card_visa_chargeDeclinedIncorrectCvc",
      "tok_chargeDeclinedIncorrectCvc",
      "tok_visa_chargeDeclinedIncorrectCvc",
    ],
  },
  {
    number: "4000000000000119",
    brand: "visa",
    funding: "credit",
    country: us,
    decline: DECLINES.processingError,
    aliases: [
      "pm_card_chargeDeclinedProcessingError",
      "pm_card_visa_chargeDeclinedProcessingError",
      "tok_chargeDeclinedProcessingError",
      "tok_visa_chargeDeclinedProcessingError",
    ],
  },
  {
    number: "4000000000006975",
    brand: "visa",
    funding: "credit",
    country: us,
    decline: DECLINES.velocityExceeded,
    aliases: ["pm_card_visa_chargeDeclinedVelocityLimitExceeded", "tok_visa_chargeDeclinedVelocityLimitExceeded"],
  },
  {
    number: "4100000000000019",
    brand: "visa",
    funding: "credit",
    country: us,
    decline: DECLINES.fraudulent,
    aliases: ["pm_card_radarBlock", "tok_radarBlock", "pm_card_chargeDeclinedFraudulent", "tok_chargeDeclinedFraudulent"],
  },
  {
    number: "4000000000000341",
    brand: "visa",
    funding: "credit",
    country: us,
    decline: DECLINES.generic,
    declinesOnlyWhenCharged: true,
    aliases: ["pm_card_chargeCustomerFail", "tok_chargeCustomerFail"],
  },
  // 3-D Secure
  {
    number: "4000002500003155",
    brand: "visa",
    funding: "credit",
    country: us,
    authentication: "unless_set_up",
    aliases: ["pm_card_authenticationRequiredOnSetup", "tok_authenticationRequiredOnSetup"],
  },
  {
    number: "4000002760003184",
    brand: "visa",
    funding: "credit",
    country: "DE",
    authentication: "always",
    aliases: ["pm_card_authenticationRequired", "tok_authenticationRequired"],
  },
  {
    number: "4000008260003178",
    brand: "visa",
    funding: "credit",
    country: "GB",
    authentication: "always",
    decline: DECLINES.insufficientFunds,
    aliases: ["pm_card_authenticationRequiredChargeDeclinedInsufficientFunds", "tok_authenticationRequiredChargeDeclinedInsufficientFunds"],
  },
  {
    number: "4000000000003220",
    brand: "visa",
    funding: "credit",
    country: us,
    authentication: "always",
    aliases: ["pm_card_threeDSecure2Required", "tok_threeDSecure2Required"],
  },
  {
    number: "4000000000003063",
    brand: "visa",
    funding: "credit",
    country: us,
    authentication: "always",
    aliases: ["pm_card_threeDSecureRequired", "tok_threeDSecureRequired"],
  },
  // Refunds and disputes (https://docs.stripe.com/testing#refunds, #disputes).
  {
    number: "4000000000007726",
    brand: "visa",
    funding: "credit",
    country: us,
    refunds: "pending",
    aliases: ["pm_card_pendingRefund", "tok_pendingRefund"],
  },
  {
    number: "4000000000005126",
    brand: "visa",
    funding: "credit",
    country: us,
    refunds: "fail_later",
    aliases: ["pm_card_refundFail", "tok_refundFail"],
  },
  {
    number: "4000000000000259",
    brand: "visa",
    funding: "credit",
    country: us,
    dispute: { reason: "fraudulent", inquiry: false },
    aliases: ["pm_card_createDispute", "tok_createDispute"],
  },
  {
    number: "4000000000001976",
    brand: "visa",
    funding: "credit",
    country: us,
    dispute: { reason: "fraudulent", inquiry: true },
    aliases: ["pm_card_createDisputeInquiry", "tok_createDisputeInquiry"],
  },
  {
    number: "4000000000002685",
    brand: "visa",
    funding: "credit",
    country: us,
    dispute: { reason: "product_not_received", inquiry: false },
    aliases: ["pm_card_createDisputeProductNotReceived", "tok_createDisputeProductNotReceived"],
  },
]

const byAlias = new Map<string, TestCard>()
const byNumber = new Map<string, TestCard>()
for (const { aliases, ...card } of CATALOG) {
  byNumber.set(card.number, card)
  for (const alias of aliases) byAlias.set(alias, card)
}

/** The card a magic id (pm_card_visa, tok_visa...) stands for. */
export const cardForAlias = (id: string): TestCard | undefined => byAlias.get(id)

export const isMagicPaymentMethod = (id: string) => id.startsWith("pm_card_") && byAlias.has(id)
export const isTestToken = (id: string) => id.startsWith("tok_") && byAlias.has(id)

/** The card behind a typed number (spaces allowed); any other Luhn-valid number behaves like 4242 4242 4242 4242. */
export function cardForNumber(input: string): TestCard | undefined {
  const number = input.replace(/[\s-]/g, "")
  if (!/^\d{12,19}$/.test(number) || !luhnValid(number)) return undefined
  return byNumber.get(number) ?? { number, brand: brandOf(number), funding: "credit", country: us }
}

function brandOf(number: string): TestCard["brand"] {
  if (/^3[47]/.test(number)) return "amex"
  if (/^(5[1-5]|2[2-7])/.test(number)) return "mastercard"
  if (/^6(011|5)/.test(number)) return "discover"
  if (/^3(0|6|8)/.test(number)) return "diners"
  if (/^35/.test(number)) return "jcb"
  if (/^62/.test(number)) return "unionpay"
  return "visa"
}

export function luhnValid(number: string): boolean {
  let sum = 0
  for (let i = 0; i < number.length; i++) {
    let digit = Number(number[number.length - 1 - i])
    if (i % 2 === 1) {
      digit *= 2
      if (digit > 9) digit -= 9
    }
    sum += digit
  }
  return sum % 10 === 0
}

/** Stripe's display names for brands (PaymentMethod.card.display_brand). */
export const displayBrand: Record<TestCard["brand"], string> = {
  visa: "visa",
  mastercard: "mastercard",
  amex: "american_express",
  discover: "discover",
  diners: "diners_club",
  jcb: "jcb",
  unionpay: "union_pay",
}
