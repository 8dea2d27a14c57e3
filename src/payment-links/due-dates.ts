// Payment terms and due dates as calendar days ("2026-12-31") in the store's time zone: a due date is a day on the
// merchant's calendar, not an instant, so it never moves with DST or with the server's own zone.

export const PAYMENT_TERMS = ["due_on_receipt", "net_7", "net_15", "net_30", "net_60", "date"] as const
export type PaymentTerms = (typeof PAYMENT_TERMS)[number]

export const DEFAULT_PAYMENT_TERMS: PaymentTerms = "due_on_receipt"
export const DEFAULT_TIME_ZONE = "UTC"

/** A calendar day, YYYY-MM-DD. */
export type CalendarDay = string

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/
const DAY_MS = 86_400_000

const TERMS_LABELS: Record<PaymentTerms, string> = {
  due_on_receipt: "Due on receipt",
  net_7: "Net 7",
  net_15: "Net 15",
  net_30: "Net 30",
  net_60: "Net 60",
  date: "Due by date",
}

/** The terms in the merchant's words: "Net 30", "Due on receipt". */
export function termsLabel(terms: string | null | undefined): string | null {
  return terms && terms in TERMS_LABELS ? TERMS_LABELS[terms as PaymentTerms] : null
}

/** Days after the issue date that net terms give; 0 for due on receipt, null for a chosen date. */
export function netDays(terms: PaymentTerms): number | null {
  if (terms === "date") return null
  if (terms === "due_on_receipt") return 0
  return Number(terms.slice("net_".length))
}

/** Whether Intl knows the IANA time zone name (Europe/Berlin, America/New_York, UTC). */
export function isValidTimeZone(name: string): boolean {
  if (!name || name.length > 64) return false
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name })
    return true
  } catch {
    return false
  }
}

/** Whether a string is a real calendar day (2026-02-30 is not). */
export function isCalendarDay(value: string): boolean {
  const match = DAY_PATTERN.exec(value)
  if (!match) return false
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])))
  return toDay(date) === value
}

const toDay = (utcDate: Date): CalendarDay => utcDate.toISOString().slice(0, 10)

function parseDay(day: CalendarDay): Date {
  const match = DAY_PATTERN.exec(day)
  if (!match) throw new Error(`"${day}" is not a calendar day (YYYY-MM-DD)`)
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])))
}

/** The calendar day an instant falls on in the time zone. */
export function calendarDay(instant: Date, timeZone: string): CalendarDay {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(instant)
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? ""
  return `${part("year")}-${part("month")}-${part("day")}`
}

/** The day N calendar days later (or earlier, negative): month and year ends included, no DST involved. */
export function addDays(day: CalendarDay, days: number): CalendarDay {
  return toDay(new Date(parseDay(day).getTime() + days * DAY_MS))
}

/** Calendar days from one day to another (negative when `to` is earlier). */
export function daysBetween(from: CalendarDay, to: CalendarDay): number {
  return Math.round((parseDay(to).getTime() - parseDay(from).getTime()) / DAY_MS)
}

/**
 * The due date of terms given on an issue day: the issue day itself when due on receipt, N days later for
 * net N, the chosen day for "date".
 */
export function dueDateFor(terms: PaymentTerms, issueDay: CalendarDay, chosen?: CalendarDay | null): CalendarDay {
  const days = netDays(terms)
  if (days === null) {
    if (!chosen || !isCalendarDay(chosen)) throw new Error('terms "date" need a due date (YYYY-MM-DD)')
    return chosen
  }
  return addDays(issueDay, days)
}

/** Past due: the due day has ended in the store's time zone (an invoice due today is not overdue yet). */
export function isPastDue(dueDate: CalendarDay | null | undefined, now: Date, timeZone: string): boolean {
  return Boolean(dueDate) && calendarDay(now, timeZone) > dueDate!
}

/** Whole days since the due date ended (0 on the due date and before). */
export function daysOverdue(dueDate: CalendarDay | null | undefined, now: Date, timeZone: string): number {
  if (!dueDate) return 0
  return Math.max(0, daysBetween(dueDate, calendarDay(now, timeZone)))
}

/**
 * The instant the calendar day ends in the time zone (the next day's midnight there), DST changes included:
 * when a link may expire at the earliest if it is to be payable through its due date.
 */
export function endOfDay(day: CalendarDay, timeZone: string): Date {
  const next = parseDay(addDays(day, 1)).getTime()
  // The zone's offset at a guess, then at the corrected instant (it differs only across a DST change).
  let instant = next - zoneOffsetMs(new Date(next), timeZone)
  instant = next - zoneOffsetMs(new Date(instant), timeZone)
  return new Date(instant)
}

/** How far the zone's wall clock is ahead of UTC at an instant. */
function zoneOffsetMs(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(instant)
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value)
  const wall = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"))
  return wall - Math.floor(instant.getTime() / 1000) * 1000
}

/** "December 31, 2026": a calendar day printed as itself, whatever the reader's zone. */
export function formatCalendarDay(day: CalendarDay, locale = "en-US"): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(parseDay(day))
}
