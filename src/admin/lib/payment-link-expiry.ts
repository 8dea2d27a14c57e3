// A link's expiry is picked as a day (input type=date) and sent as the end of that day.

const DAY_MS = 24 * 60 * 60 * 1000
export const DEFAULT_EXPIRY_DAYS = 30
/** The server refuses expiries more than a year ahead; stay a little inside that. */
const MAX_EXPIRY_MS = 365 * DAY_MS - 60 * 1000

const pad = (n: number) => String(n).padStart(2, "0")

/** "YYYY-MM-DD" of a local date, the format input type=date reads and writes. */
export function toDateInputValue(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

function addDays(from: Date, days: number): Date {
  const date = new Date(from)
  date.setDate(date.getDate() + days)
  return date
}

export function defaultExpiryDay(now = new Date()): string {
  return toDateInputValue(addDays(now, DEFAULT_EXPIRY_DAYS))
}

export function earliestExpiryDay(now = new Date()): string {
  return toDateInputValue(now)
}

export function latestExpiryDay(now = new Date()): string {
  return toDateInputValue(new Date(now.getTime() + MAX_EXPIRY_MS))
}

/** The end of the chosen local day as an ISO time, capped at the one-year limit; null if invalid. */
export function expiryDayToIso(day: string, now = new Date()): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  if (!match) return null
  const end = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 23, 59, 59)
  if (Number.isNaN(end.getTime()) || end.getTime() <= now.getTime()) return null
  return new Date(Math.min(end.getTime(), now.getTime() + MAX_EXPIRY_MS)).toISOString()
}

/** Why the chosen day cannot be used, or null. */
export function expiryProblem(day: string, now = new Date()): string | null {
  if (!day) return "Choose the day the link expires."
  if (day > latestExpiryDay(now)) return "A link can stay open for at most one year."
  return expiryDayToIso(day, now) ? null : "Choose a day from today on."
}
