import { asMinorUnits, toMinorUnits, type MinorUnits, type MoneyAmount } from "../../stripe/money"

/**
 * Amounts Medusa computed (cart totals with tax can be finer than cents) in Stripe's minor units,
 * rounded half-up like Medusa rounds to the currency's precision. Every conversion in this provider
 * goes through here, on the one exact converter (src/stripe/money.ts).
 */
export function minorUnitsOf(amount: MoneyAmount, currency: string): MinorUnits {
  return toMinorUnits(amount, currency, { rounding: "half_up" })
}

/** The sum of several Medusa amounts (e.g. every capture of a payment) in minor units. */
export function totalMinorUnitsOf(amounts: MoneyAmount[], currency: string): MinorUnits {
  return asMinorUnits(amounts.reduce<number>((total, amount) => total + minorUnitsOf(amount, currency), 0))
}
