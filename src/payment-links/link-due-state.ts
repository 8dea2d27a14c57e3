import { linkState, type LinkState } from "./find-link"
import { daysOverdue, isPastDue } from "./due-dates"

export type LinkDueState = LinkState | "overdue"

/**
 * A link as the merchant follows it up: overdue once its due day has ended (store time zone) while it is open and
 * its order still owes money. A processing bank debit is never overdue; expiry is separate (an overdue link still
 * takes payment until it expires).
 */
export function linkDueState(
  link: { status: string; expires_at: Date | string; due_date: string | null },
  order: { canceled: boolean; outstanding: number },
  now: Date,
  timeZone: string
): { state: LinkDueState; days_overdue: number } {
  const state = linkState(link as Parameters<typeof linkState>[0], now)
  if (state === "open" && !order.canceled && order.outstanding > 0 && isPastDue(link.due_date, now, timeZone)) {
    return { state: "overdue", days_overdue: daysOverdue(link.due_date, now, timeZone) }
  }
  return { state, days_overdue: 0 }
}
