/** How a Stripe payment was made, in the words the order's activity uses; null for a plain card (brand and last4 say it). */
type Loose = Record<string, unknown> | undefined
const obj = (v: unknown): Loose => (v && typeof v === "object" ? (v as Record<string, unknown>) : undefined)
const str = (v: unknown): string | null => (typeof v === "string" && v ? v : null)

const METHOD_NAMES: Record<string, string> = {
  sepa_debit: "SEPA Direct Debit",
  us_bank_account: "US bank account",
  bacs_debit: "Bacs Direct Debit",
  au_becs_debit: "BECS Direct Debit",
  acss_debit: "Canadian pre-authorized debit",
  klarna: "Klarna",
  link: "Link",
  affirm: "Affirm",
  afterpay_clearpay: "Afterpay",
  ideal: "iDEAL",
  bancontact: "Bancontact",
  paypal: "PayPal",
}

const WALLET_NAMES: Record<string, string> = {
  apple_pay: "Apple Pay",
  google_pay: "Google Pay",
  samsung_pay: "Samsung Pay",
  link: "Link",
}

const BRAND_NAMES: Record<string, string> = {
  visa: "Visa",
  mastercard: "Mastercard",
  amex: "American Express",
  discover: "Discover",
  diners: "Diners Club",
  jcb: "JCB",
  unionpay: "UnionPay",
}

/** A card as receipts print it: "Visa •••• 4242"; "Card" when Stripe gave neither brand nor digits. */
export function cardLabel(brand: string | null | undefined, last4: string | null | undefined): string {
  return [brand ? (BRAND_NAMES[brand] ?? brand) : "Card", last4 ? `•••• ${last4}` : null].filter(Boolean).join(" ")
}

/** Bank debits settle days later: Checkout completes unpaid and Stripe reports the outcome afterwards. */
export const DELAYED_METHOD_TYPES = new Set(["sepa_debit", "us_bank_account", "bacs_debit", "au_becs_debit", "acss_debit"])

/**
 * The method of a PaymentIntent (with `payment_method` or `latest_charge` expanded): "SEPA Direct Debit •••• 3000",
 * "Klarna", "Apple Pay · Visa •••• 4242"; null for a card typed or on file.
 */
export function paymentMethodLabel(intentLike: unknown): string | null {
  const intent = obj(intentLike)
  const details = obj(obj(intent?.latest_charge)?.payment_method_details)
  const method = obj(intent?.payment_method) ?? obj(obj(intent?.last_payment_error)?.payment_method)
  const type = str(details?.type) ?? str(method?.type)
  if (!type) return null
  const fields = obj(details?.[type]) ?? obj(method?.[type])
  const last4 = str(fields?.last4)
  if (type === "card") {
    const wallet = str(obj(fields?.wallet)?.type)
    if (!wallet) return null
    const brand = str(fields?.brand)
    const card = [brand ? (BRAND_NAMES[brand] ?? brand) : "Card", last4 ? `•••• ${last4}` : null].filter(Boolean).join(" ")
    return `${WALLET_NAMES[wallet] ?? wallet} · ${card}`
  }
  const name = METHOD_NAMES[type] ?? type.replace(/_/g, " ")
  return last4 ? `${name} •••• ${last4}` : name
}

/** The payment method type of a PaymentIntent ("sepa_debit", "card", ...), wherever Stripe put it. */
export function paymentMethodType(intentLike: unknown): string | null {
  const intent = obj(intentLike)
  return str(obj(obj(intent?.latest_charge)?.payment_method_details)?.type) ?? str(obj(intent?.payment_method)?.type)
}
