// Emails show money and dates in the customer's terms: the order's currency and a spelled-out date.
const DEFAULT_LOCALE = "en-US"

/** Formats a major-unit amount in the order's currency; Intl knows each currency's decimals (JPY 0, KWD 3). */
export function formatMoney(amount: number, currencyCode: string, locale: string = DEFAULT_LOCALE): string {
  return new Intl.NumberFormat(locale, {
    style: "currency",
    currency: currencyCode.toUpperCase(),
  }).format(amount)
}

/** Half of the currency's smallest unit: below this, two amounts print the same. */
export function moneyTolerance(currencyCode: string): number {
  const digits =
    new Intl.NumberFormat(DEFAULT_LOCALE, { style: "currency", currency: currencyCode.toUpperCase() }).resolvedOptions()
      .maximumFractionDigits ?? 2
  return 0.5 / 10 ** digits
}

/** A calendar date, e.g. "December 26, 2026"; UTC so the server's zone never shifts it. */
export function formatDate(date: Date, locale: string = DEFAULT_LOCALE): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(date)
}

/** A moment, e.g. "December 26, 2026 at 1:47:05 PM UTC", for expiries and incident times. */
export function formatDateTime(date: Date, locale: string = DEFAULT_LOCALE): string {
  return new Intl.DateTimeFormat(locale, {
    dateStyle: "long",
    timeStyle: "long",
    timeZone: "UTC",
  }).format(date)
}

/** An order's number as customers see it: "#1001". */
export function formatOrderNumber(displayId: string | number): string {
  const text = String(displayId)
  return text.startsWith("#") ? text : `#${text}`
}
