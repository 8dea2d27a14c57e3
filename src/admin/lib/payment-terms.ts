// Payment terms as the link popup offers them, and the due date they give on the store's calendar.

export type PaymentTerms = "due_on_receipt" | "net_7" | "net_15" | "net_30" | "net_60" | "date"

export const TERMS_OPTIONS: { value: PaymentTerms; label: string; days: number | null }[] = [
  { value: "due_on_receipt", label: "Due on receipt", days: 0 },
  { value: "net_7", label: "Net 7", days: 7 },
  { value: "net_15", label: "Net 15", days: 15 },
  { value: "net_30", label: "Net 30", days: 30 },
  { value: "net_60", label: "Net 60", days: 60 },
  { value: "date", label: "On a date", days: null },
]

/** Today on the store's calendar (YYYY-MM-DD), as the server counts due dates. */
export function storeToday(timeZone: string, now = new Date()): string {
  try {
    return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now)
  } catch {
    return now.toISOString().slice(0, 10)
  }
}

/** A calendar day plus N days. */
export function plusDays(day: string, days: number): string {
  const [y, m, d] = day.split("-").map(Number)
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10)
}

/** The due date the terms give today (the chosen day for "date"). */
export function dueDayOf(terms: PaymentTerms, chosenDay: string, timeZone: string, now = new Date()): string | null {
  const days = TERMS_OPTIONS.find((option) => option.value === terms)?.days
  if (days === null || days === undefined) return /^\d{4}-\d{2}-\d{2}$/.test(chosenDay) ? chosenDay : null
  return plusDays(storeToday(timeZone, now), days)
}

/** "Dec 31, 2026": a calendar day as itself, whatever the admin's own zone. */
export function formatCalendarDay(day: string | null | undefined): string {
  if (!day) return "—"
  const [y, m, d] = day.split("-").map(Number)
  return new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, d)))
}

/** Why the chosen due date cannot be used, or null. */
export function dueDayProblem(terms: PaymentTerms, dueDay: string | null, expiryDay: string, timeZone: string): string | null {
  if (!dueDay) return terms === "date" ? "Choose the day payment is due." : null
  if (dueDay < storeToday(timeZone)) return "Choose a due date from today on."
  if (expiryDay && expiryDay < dueDay) return "The link would expire before the due date: choose a later expiry."
  return null
}
