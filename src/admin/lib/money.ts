// Amounts are major units everywhere in the admin; the currency decides how many decimals exist.

const formatters = new Map<string, Intl.NumberFormat | null>()

function formatterFor(currencyCode: string): Intl.NumberFormat | null {
  const code = currencyCode.toUpperCase()
  if (!formatters.has(code)) {
    try {
      formatters.set(code, new Intl.NumberFormat(undefined, { style: "currency", currency: code }))
    } catch {
      // An unknown code would throw on every render; fall back to plain numbers instead.
      formatters.set(code, null)
    }
  }
  return formatters.get(code) ?? null
}

/** How many decimals the currency has: JPY 0, USD 2, KWD 3. */
export function currencyDecimals(currencyCode: string): number {
  return formatterFor(currencyCode)?.resolvedOptions().maximumFractionDigits ?? 2
}

/** "$30.00", "¥1,234", "KWD 1.234" in the admin's locale. */
export function formatMoney(amount: number, currencyCode: string): string {
  const formatter = formatterFor(currencyCode)
  return formatter ? formatter.format(amount) : `${amount.toFixed(2)} ${currencyCode.toUpperCase()}`
}

/** The short symbol the amount inputs show ("$", "¥"), or the code when there is none. */
export function currencySymbol(currencyCode: string): string {
  try {
    const parts = new Intl.NumberFormat(undefined, {
      style: "currency",
      currency: currencyCode.toUpperCase(),
      currencyDisplay: "narrowSymbol",
    }).formatToParts(0)
    return parts.find((part) => part.type === "currency")?.value ?? currencyCode.toUpperCase()
  } catch {
    return currencyCode.toUpperCase()
  }
}

/** Whole minor units, so comparisons and differences never drift by a float's error. */
export function toMinorUnits(amount: number, decimals: number): number {
  return Math.round(amount * 10 ** decimals)
}

export function fromMinorUnits(minor: number, decimals: number): number {
  return minor / 10 ** decimals
}

/** The text an amount input starts with: "70.00", "1234", "1.234". */
export function amountInputText(amount: number, decimals: number): string {
  return amount.toFixed(decimals)
}

/** The number typed in an amount input, or null when it is empty or not a number. */
export function parseAmountInput(text: string | undefined): number | null {
  if (text === undefined || text.trim() === "") return null
  const amount = Number(text)
  return Number.isFinite(amount) ? amount : null
}

/** Why an amount cannot be collected, in the merchant's words, or null when it can. */
export function amountProblem(amount: number | null, outstanding: number, currencyCode: string): string | null {
  const decimals = currencyDecimals(currencyCode)
  if (amount === null) return "Enter an amount."
  const scaled = amount * 10 ** decimals
  if (Math.abs(scaled - Math.round(scaled)) > 1e-6) {
    const code = currencyCode.toUpperCase()
    return decimals === 0 ? `${code} amounts have no decimals.` : `${code} amounts have at most ${decimals} decimals.`
  }
  if (toMinorUnits(amount, decimals) <= 0) return "Enter an amount above 0."
  if (toMinorUnits(amount, decimals) > toMinorUnits(outstanding, decimals)) {
    return `That is more than the ${formatMoney(outstanding, currencyCode)} outstanding.`
  }
  return null
}

/** What stays outstanding after collecting `amount`, or null when it pays everything. */
export function remainingAfter(amount: number, outstanding: number, currencyCode: string): number | null {
  const decimals = currencyDecimals(currencyCode)
  const remaining = toMinorUnits(outstanding, decimals) - toMinorUnits(amount, decimals)
  return remaining > 0 ? fromMinorUnits(remaining, decimals) : null
}
