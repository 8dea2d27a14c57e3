import { MedusaError } from "@medusajs/framework/utils"

/**
 * The one converter between Medusa's amounts (major units: 19.99 USD) and Stripe's (minor units:
 * 1999). Exact: amounts are parsed as decimal strings and scaled with BigInt, never multiplied as
 * floats, so 19.99 is 1999 and an amount Stripe cannot represent is refused instead of rounded.
 */

declare const unit: unique symbol

/**
 * An amount in Stripe's smallest currency unit (1999 for 19.99 USD, 500 for 500 JPY): what Stripe's
 * `amount` fields hold. Branded, so a minor amount passed where a major one belongs is a compile error.
 */
export type MinorUnits = number & { readonly [unit]: "minor" }

/** An amount in major units (19.99 USD), as Medusa's APIs and ours write it. */
export type MajorAmount = number & { readonly [unit]: "major" }

/** Stripe's answer says minor units: name it so (the only place a plain number becomes MinorUnits). */
export const asMinorUnits = (amount: number): MinorUnits => amount as MinorUnits

/** A major amount from Medusa or a validated request body. */
export const asMajorAmount = (amount: number): MajorAmount => amount as MajorAmount

/** Rejects a MinorUnits argument where a major amount is expected. */
type NotMinor<T> = T extends MinorUnits ? never : T

/** Anything Medusa hands over as an amount: a number, a decimal string, a raw `{ value }`, a BigNumber. */
export type MoneyAmount =
  | number
  | string
  | bigint
  | { value: string | number }
  | { raw?: { value: string | number } | null; numeric?: number }
  | { toFixed(): string }

/** How Stripe's API writes a currency: decimals in `amount`, and the step amounts must be a multiple of. */
export type StripeCurrencyRule = {
  /** Digits after the decimal point in Stripe's minor unit (0, 2 or 3). */
  decimals: 0 | 2 | 3
  /** Minor amounts must be a multiple of this (3-decimal currencies: 10; ISK: 100). */
  minorStep: 1 | 10 | 100
}

// https://docs.stripe.com/currencies#zero-decimal
const ZERO_DECIMAL = new Set([
  "bif",
  "clp",
  "djf",
  "gnf",
  "jpy",
  "kmf",
  "krw",
  "mga",
  "pyg",
  "rwf",
  "ugx",
  "vnd",
  "vuv",
  "xaf",
  "xof",
  "xpf",
])

// https://docs.stripe.com/currencies#three-decimal — Stripe requires the last digit to be 0.
const THREE_DECIMAL = new Set(["bhd", "jod", "kwd", "omr", "tnd"])

// Stripe's special cases: ISK is written with two decimals but only whole krónur can be charged.
// HUF and TWD are zero-decimal for payouts only; charges keep two decimals, so the default applies.
const WHOLE_UNITS_IN_TWO_DECIMALS = new Set(["isk"])

/** Stripe's rule for a currency code (case-insensitive); every other currency has two decimals. */
export function stripeCurrencyRule(currency: string): StripeCurrencyRule {
  const code = normalizeCurrency(currency)
  if (ZERO_DECIMAL.has(code)) return { decimals: 0, minorStep: 1 }
  if (THREE_DECIMAL.has(code)) return { decimals: 3, minorStep: 10 }
  if (WHOLE_UNITS_IN_TWO_DECIMALS.has(code)) return { decimals: 2, minorStep: 100 }
  return { decimals: 2, minorStep: 1 }
}

/** Digits after the decimal point in Stripe's amounts for this currency (JPY 0, USD 2, KWD 3). */
export function currencyDecimals(currency: string): 0 | 2 | 3 {
  return stripeCurrencyRule(currency).decimals
}

export type ToMinorUnitsOptions = {
  /**
   * "reject" (default): an amount finer than the currency allows is an error.
   * "half_up": round to the nearest representable amount, halves away from zero — for totals
   * Medusa computed itself (tax can leave 10.825 USD), where Medusa also rounds to currency precision.
   */
  rounding?: "reject" | "half_up"
}

/** Major units (Medusa) → minor units (Stripe). Throws INVALID_DATA naming the amount and currency. */
export function toMinorUnits<T extends MoneyAmount>(amount: NotMinor<T>, currency: string, options: ToMinorUnitsOptions = {}): MinorUnits {
  const code = normalizeCurrency(currency)
  const rule = stripeCurrencyRule(code)
  const decimal = parseDecimal(amount, code)
  if (decimal.negative && decimal.digits !== 0n) {
    throw invalid(`Amount ${decimal.text} ${code.toUpperCase()} is negative; Stripe amounts must be zero or more`)
  }

  const step = BigInt(rule.minorStep)
  // Scale to "minor units × 10^extra" so both directions stay integer arithmetic.
  const extra = Math.max(decimal.scale - rule.decimals, 0)
  const scaled = decimal.digits * 10n ** BigInt(Math.max(rule.decimals - decimal.scale, 0))
  const unit = step * 10n ** BigInt(extra)
  const remainder = scaled % unit
  let steps = scaled / unit
  if (remainder !== 0n) {
    if ((options.rounding ?? "reject") === "reject") {
      throw invalid(`Amount ${decimal.text} has more precision than ${code.toUpperCase()} allows at Stripe (${precisionText(rule)})`)
    }
    if (remainder * 2n >= unit) steps += 1n
  }
  const minor = steps * step
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw invalid(`Amount ${decimal.text} ${code.toUpperCase()} is too large for Stripe`)
  }
  return asMinorUnits(Number(minor))
}

/** Minor units (Stripe) → major units (Medusa) as an exact decimal string: 1999 USD → "19.99". */
export function fromMinorUnits(minor: MinorUnits | bigint, currency: string): string {
  const code = normalizeCurrency(currency)
  if (typeof minor === "number" && !Number.isSafeInteger(minor)) {
    throw invalid(`Stripe amount ${minor} ${code.toUpperCase()} is not a whole number of minor units`)
  }
  const value = BigInt(minor)
  const negative = value < 0n
  const digits = (negative ? -value : value).toString()
  const decimals = stripeCurrencyRule(code).decimals
  const padded = digits.padStart(decimals + 1, "0")
  const whole = padded.slice(0, padded.length - decimals)
  const fraction = padded.slice(padded.length - decimals).replace(/0+$/, "")
  return `${negative ? "-" : ""}${whole}${fraction ? `.${fraction}` : ""}`
}

/** Minor units → major units as a number, for Medusa fields typed as numbers (exact for real amounts). */
export function fromMinorUnitsToNumber(minor: MinorUnits | bigint, currency: string): MajorAmount {
  return asMajorAmount(Number(fromMinorUnits(minor, currency)))
}

/** Lower-case three-letter code, as Stripe wants it; anything else is an error. */
export function normalizeCurrency(currency: string): string {
  const code = typeof currency === "string" ? currency.trim().toLowerCase() : ""
  if (!/^[a-z]{3}$/.test(code)) {
    throw invalid(`"${String(currency)}" is not a three-letter ISO 4217 currency code`)
  }
  return code
}

type Decimal = { negative: boolean; digits: bigint; scale: number; text: string }

const DECIMAL_PATTERN = /^([+-])?(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i

// Reads any accepted amount into sign, integer digits and a power-of-ten scale (trailing zeros dropped).
function parseDecimal(amount: MoneyAmount, currency: string): Decimal {
  const text = amountText(amount, currency)
  const match = DECIMAL_PATTERN.exec(text)
  if (!match || (match[2] === "" && (match[3] ?? "") === "")) {
    throw invalid(`Amount "${text}" ${currency.toUpperCase()} is not a number`)
  }
  const [, sign, intPart, fracPart = "", exponentText] = match
  const exponent = exponentText ? Number(exponentText) : 0
  if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > 100) {
    throw invalid(`Amount "${text}" ${currency.toUpperCase()} is out of range`)
  }
  let digits = BigInt(`${intPart}${fracPart}` || "0")
  let scale = fracPart.length - exponent
  if (scale < 0) {
    digits *= 10n ** BigInt(-scale)
    scale = 0
  }
  while (scale > 0 && digits % 10n === 0n) {
    digits /= 10n
    scale -= 1
  }
  return { negative: sign === "-", digits, scale, text }
}

function amountText(amount: MoneyAmount, currency: string): string {
  if (typeof amount === "number") {
    if (!Number.isFinite(amount)) {
      throw invalid(`Amount ${amount} ${currency.toUpperCase()} is not a finite number`)
    }
    // The shortest string that round-trips: 19.99 stays "19.99", 0.1 + 0.2 is "0.30000000000000004".
    return String(amount)
  }
  if (typeof amount === "bigint") return amount.toString()
  if (typeof amount === "string") return amount.trim()
  if (amount && typeof amount === "object") {
    if ("value" in amount && (typeof amount.value === "string" || typeof amount.value === "number")) {
      return amountText(amount.value, currency)
    }
    if ("raw" in amount && amount.raw && typeof amount.raw === "object" && "value" in amount.raw) {
      return amountText(amount.raw.value, currency)
    }
    if ("toFixed" in amount && typeof amount.toFixed === "function") {
      // bignumber.js: toFixed() without arguments prints every digit and never uses exponents.
      return amount.toFixed()
    }
    if ("numeric" in amount && typeof amount.numeric === "number") {
      return amountText(amount.numeric, currency)
    }
  }
  throw invalid(`Amount ${String(amount)} ${currency.toUpperCase()} is not a number`)
}

function precisionText(rule: StripeCurrencyRule): string {
  if (rule.decimals === 0) return "whole units only"
  if (rule.minorStep === 100) return "whole units only"
  if (rule.minorStep === 10) return `${rule.decimals} decimals, the last one 0`
  return `${rule.decimals} decimals`
}

function invalid(message: string): MedusaError {
  return new MedusaError(MedusaError.Types.INVALID_DATA, message)
}
