// Stripe's documented test bank accounts for delayed-notification methods (https://docs.stripe.com/testing#non-card-payments)
// and how each one settles: the sandbox keeps the payment `processing` until the control API settles it.

export type DelayedMethodType = "sepa_debit" | "us_bank_account"

export interface BankFailure {
  /** The failed charge's failure_code and the PaymentIntent's last_payment_error.code. */
  code: string
  message: string
}

export interface TestBankAccount {
  type: DelayedMethodType
  /** IBAN (SEPA) or account number (ACH), without spaces. */
  number: string
  /** ACH routing number; null for SEPA. */
  routing: string | null
  country: string
  bankName: string
  /** Fails when settled; succeeds otherwise. */
  failure?: BankFailure
}

export const INSUFFICIENT_FUNDS: BankFailure = {
  code: "insufficient_funds",
  message: "The customer's account has insufficient funds to cover this payment.",
}
const noAccount: BankFailure = {
  code: "no_account",
  message: "The customer's bank account could not be located.",
}

export const TEST_BANK_ACCOUNTS: readonly TestBankAccount[] = [
  { type: "sepa_debit", number: "DE89370400440532013000", routing: null, country: "DE", bankName: "Commerzbank" },
  {
    type: "sepa_debit",
    number: "DE62370400440532013001",
    routing: null,
    country: "DE",
    bankName: "Commerzbank",
    failure: INSUFFICIENT_FUNDS,
  },
  { type: "sepa_debit", number: "AT611904300234573201", routing: null, country: "AT", bankName: "Bank Austria" },
  {
    type: "sepa_debit",
    number: "AT861904300235473202",
    routing: null,
    country: "AT",
    bankName: "Bank Austria",
    failure: INSUFFICIENT_FUNDS,
  },
  { type: "us_bank_account", number: "000123456789", routing: "110000000", country: "US", bankName: "STRIPE TEST BANK" },
  {
    type: "us_bank_account",
    number: "000111111116",
    routing: "110000000",
    country: "US",
    bankName: "STRIPE TEST BANK",
    failure: noAccount,
  },
  {
    type: "us_bank_account",
    number: "000222222227",
    routing: "110000000",
    country: "US",
    bankName: "STRIPE TEST BANK",
    failure: INSUFFICIENT_FUNDS,
  },
]

const compact = (value: string) => value.replace(/\s/g, "").toUpperCase()

/** The test account an IBAN names, or undefined (the hosted page then says the IBAN is invalid). */
export const testIban = (iban: string) => TEST_BANK_ACCOUNTS.find((a) => a.type === "sepa_debit" && a.number === compact(iban))

/** The test ACH account a routing and account number name. */
export const testUsBankAccount = (routing: string, account: string) =>
  TEST_BANK_ACCOUNTS.find((a) => a.type === "us_bank_account" && a.routing === routing.trim() && a.number === account.trim())

/** The currencies each non-card method takes on the sandbox's Checkout, as on Stripe. */
export const METHOD_CURRENCIES: Readonly<Record<string, readonly string[]>> = {
  sepa_debit: ["eur"],
  us_bank_account: ["usd"],
  klarna: ["eur", "usd", "gbp", "dkk", "nok", "sek", "chf", "czk", "pln", "aud", "nzd", "cad"],
}

/** Payment method types the sandbox's hosted Checkout page can take. */
export const CHECKOUT_METHOD_TYPES = ["card", "klarna", "sepa_debit", "us_bank_account"] as const
