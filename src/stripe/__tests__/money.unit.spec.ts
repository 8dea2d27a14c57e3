import { BigNumber, MedusaError } from "@medusajs/framework/utils"
import BigNumberJS from "bignumber.js"
import fc from "fast-check"
import { asMinorUnits, currencyDecimals, fromMinorUnits, fromMinorUnitsToNumber, stripeCurrencyRule, toMinorUnits } from "../money"

describe("toMinorUnits / fromMinorUnits", () => {
  // [currency, major amount, Stripe minor amount]: both directions must agree.
  const table: Array<[string, string, number]> = [
    ["usd", "19.99", 1999],
    ["usd", "0.01", 1],
    ["usd", "1000000", 100000000],
    ["eur", "12.5", 1250],
    ["gbp", "1234.56", 123456],
    ["chf", "0.05", 5],
    ["cad", "99.9", 9990],
    ["aud", "7", 700],
    ["mxn", "150.75", 15075],
    ["inr", "499", 49900],
    ["brl", "10.1", 1010],
    ["huf", "10.45", 1045], // two decimals for charges; zero-decimal only for payouts
    ["twd", "100.5", 10050], // the same special case as HUF
    ["isk", "5", 500], // two decimals in the API, whole krónur only
    ["jpy", "500", 500],
    ["krw", "1000", 1000],
    ["vnd", "25000", 25000],
    ["clp", "990", 990],
    ["bif", "1", 1],
    ["djf", "42", 42],
    ["gnf", "8000", 8000],
    ["kmf", "300", 300],
    ["mga", "4000", 4000],
    ["pyg", "70000", 70000],
    ["rwf", "1200", 1200],
    ["ugx", "3700", 3700],
    ["vuv", "120", 120],
    ["xaf", "650", 650],
    ["xof", "650", 650],
    ["xpf", "119", 119],
    ["bhd", "5.12", 5120],
    ["jod", "0.71", 710],
    ["kwd", "1.23", 1230],
    ["omr", "0.38", 380],
    ["tnd", "3.1", 3100],
  ]

  it.each(table)("%s %s ⇄ %d", (currency, major, minor) => {
    expect(toMinorUnits(major, currency)).toBe(minor)
    expect(toMinorUnits(Number(major), currency)).toBe(minor)
    expect(toMinorUnits(major, currency.toUpperCase())).toBe(minor)
    expect(fromMinorUnits(asMinorUnits(minor), currency)).toBe(major)
    expect(fromMinorUnitsToNumber(asMinorUnits(minor), currency)).toBe(Number(major))
  })

  it("covers more than twenty currencies", () => {
    expect(new Set(table.map(([currency]) => currency)).size).toBeGreaterThanOrEqual(20)
  })

  it("has no floating point error where floats have one", () => {
    expect(19.99 * 100).not.toBe(1999) // the bug this converter exists for
    expect(toMinorUnits(19.99, "usd")).toBe(1999)
    expect(toMinorUnits(1.005, "usd", { rounding: "half_up" })).toBe(101) // 1.005 * 100 = 100.49999999999999
    expect(toMinorUnits("0.1", "usd") + toMinorUnits("0.2", "usd")).toBe(toMinorUnits("0.3", "usd"))
    expect(toMinorUnits("4.35", "usd")).toBe(435) // 4.35 * 100 = 434.99999999999994
    expect(toMinorUnits("1.15", "kwd")).toBe(1150) // 1.15 * 1000 = 1149.9999999999998
  })

  it("refuses the float 0.1 + 0.2, which is not 0.3 USD, naming the amount and currency", () => {
    expect(() => toMinorUnits(0.1 + 0.2, "usd")).toThrow(/0\.30000000000000004.*USD/)
  })

  const tooPrecise: Array<[string, string, RegExp]> = [
    ["usd", "19.999", /19\.999 has more precision than USD allows at Stripe \(2 decimals\)/],
    ["eur", "0.001", /0\.001 .*EUR/],
    ["jpy", "0.5", /0\.5 .*JPY allows at Stripe \(whole units only\)/],
    ["krw", "100.1", /100\.1 .*KRW/],
    ["kwd", "5.124", /5\.124 .*KWD allows at Stripe \(3 decimals, the last one 0\)/],
    ["bhd", "0.0001", /0\.0001 .*BHD/],
    ["isk", "5.5", /5\.5 .*ISK allows at Stripe \(whole units only\)/],
    ["isk", "0.01", /0\.01 .*ISK/],
  ]

  it.each(tooPrecise)("rejects %s %s with INVALID_DATA", (currency, major, message) => {
    let caught: unknown
    try {
      toMinorUnits(major, currency)
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(MedusaError)
    expect((caught as MedusaError).type).toBe(MedusaError.Types.INVALID_DATA)
    expect((caught as MedusaError).message).toMatch(message)
  })

  const rounded: Array<[string, string, number]> = [
    ["usd", "10.825", 1083],
    ["usd", "10.824999", 1082],
    ["usd", "0.005", 1],
    ["usd", "0.0049", 0],
    ["jpy", "0.5", 1],
    ["jpy", "1499.49", 1499],
    ["kwd", "5.125", 5130],
    ["kwd", "5.124", 5120],
    ["isk", "5.5", 600],
    ["isk", "5.49", 500],
  ]

  it.each(rounded)("rounds %s %s half up to %d when asked (Medusa-computed totals)", (currency, major, minor) => {
    expect(toMinorUnits(major, currency, { rounding: "half_up" })).toBe(minor)
  })

  it("accepts every shape Medusa hands over", () => {
    expect(toMinorUnits("19.990000000000000000", "usd")).toBe(1999) // raw value at precision 20
    expect(toMinorUnits({ value: "19.99", precision: 20 } as { value: string }, "usd")).toBe(1999)
    expect(toMinorUnits(new BigNumber("19.99"), "usd")).toBe(1999)
    expect(toMinorUnits(new BigNumber(500), "jpy")).toBe(500)
    expect(toMinorUnits(new BigNumberJS("5.12"), "kwd")).toBe(5120)
    expect(toMinorUnits(new BigNumberJS("123456789.5"), "usd")).toBe(12345678950)
    expect(() => toMinorUnits(new BigNumberJS("1e21"), "jpy")).toThrow(/too large for Stripe/)
  })

  it("reads exponents and signs exactly", () => {
    expect(toMinorUnits("1e2", "usd")).toBe(10000)
    expect(toMinorUnits("1.5E1", "jpy")).toBe(15)
    expect(toMinorUnits("2500e-2", "usd")).toBe(2500)
    expect(toMinorUnits("+3", "usd")).toBe(300)
    expect(toMinorUnits(".5", "usd")).toBe(50)
    expect(toMinorUnits(5n, "jpy")).toBe(5)
    expect(toMinorUnits("-0", "usd")).toBe(0)
    expect(toMinorUnits(0, "usd")).toBe(0)
  })

  it("rejects what is not an amount or a currency", () => {
    expect(() => toMinorUnits("abc", "usd")).toThrow(/"abc" USD is not a number/)
    expect(() => toMinorUnits("", "usd")).toThrow(/not a number/)
    expect(() => toMinorUnits(Number.NaN, "usd")).toThrow(/not a finite number/)
    expect(() => toMinorUnits(Number.POSITIVE_INFINITY, "usd")).toThrow(/not a finite number/)
    expect(() => toMinorUnits("-1", "usd")).toThrow(/-1 USD is negative/)
    expect(() => toMinorUnits("1", "us")).toThrow(/"us" is not a three-letter ISO 4217 currency code/)
    expect(() => toMinorUnits("1e400", "usd")).toThrow(/out of range/)
    expect(() => toMinorUnits("100000000000000", "usd")).toThrow(/too large for Stripe/)
    expect(() => fromMinorUnits(asMinorUnits(12.5), "usd")).toThrow(/not a whole number of minor units/)
  })

  it("round-trips every representable amount exactly (property)", () => {
    const currencies = ["usd", "jpy", "kwd", "isk", "huf", "bhd", "vnd", "eur"]
    fc.assert(
      fc.property(fc.constantFrom(...currencies), fc.integer({ min: 0, max: 10_000_000_000 }), (currency, n) => {
        const minor = n * stripeCurrencyRule(currency).minorStep
        return toMinorUnits(fromMinorUnits(asMinorUnits(minor), currency), currency) === minor
      }),
      { numRuns: 2000 }
    )
  })

  it("sums in minor units equal the minor units of the decimal sum (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 1_000_000 }), (a, b) => {
        const sum =
          toMinorUnits(fromMinorUnits(asMinorUnits(a), "usd"), "usd") + toMinorUnits(fromMinorUnits(asMinorUnits(b), "usd"), "usd")
        return sum === toMinorUnits(fromMinorUnits(asMinorUnits(a + b), "usd"), "usd")
      })
    )
  })
})

describe("currencyDecimals", () => {
  it.each([
    ["USD", 2],
    ["jpy", 0],
    ["UGX", 0],
    ["KWD", 3],
    ["tnd", 3],
    ["ISK", 2],
    ["HUF", 2],
    ["TWD", 2],
    ["xyz", 2],
  ])("%s has %d decimals at Stripe", (currency, decimals) => {
    expect(currencyDecimals(currency)).toBe(decimals)
  })
})

describe("minor and major amounts are different types", () => {
  // Checked by `npm run typecheck` (the src tests project): each line below must not compile.
  it("refuses a mix-up at compile time", () => {
    const minor = asMinorUnits(1999)
    // @ts-expect-error a minor amount (cents) where a major one (dollars) belongs
    expect(toMinorUnits(minor, "usd")).toBe(199900)
    // @ts-expect-error a plain number is not known to be minor units: Stripe's answers are named with asMinorUnits
    expect(fromMinorUnits(1999, "usd")).toBe("19.99")
    const major = fromMinorUnitsToNumber(minor, "usd")
    // @ts-expect-error a major amount is not minor units (and at run time 19.99 is no whole number of cents)
    expect(() => fromMinorUnits(major, "usd")).toThrow(/not a whole number of minor units/)
    expect(fromMinorUnits(minor, "usd")).toBe("19.99")
  })
})
