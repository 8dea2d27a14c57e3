import { addDays, type CalendarDay } from "./due-dates"

// Which open link gets which reminder on which day: pure, so the schedule is tested day by day without a clock.

/** One step of the schedule: days relative to the due date (-3 = three days before), on or off. */
export type ReminderStep = { days: number; enabled: boolean }

export const DEFAULT_REMINDER_SCHEDULE: ReminderStep[] = [
  { days: -3, enabled: true },
  { days: 0, enabled: true },
  { days: 7, enabled: true },
  { days: 14, enabled: true },
]

export type LinkForReminders = {
  status: string
  due_date: CalendarDay | null
  /** The day (store time zone) the link was first emailed: steps on or before it are covered by that email. */
  sent_day: CalendarDay
  /** The day (store time zone) the link last got a reminder, scheduled or sent by hand. */
  last_reminder_on: CalendarDay | null
  /** The schedule step (days from the due date) last sent. */
  reminder_step: number | null
  expires_at: Date | string
  /** When the one reminder before the link's expiry went out. */
  reminder_sent_at: Date | string | null
}

export type OrderForReminders = { canceled: boolean; outstanding: number }

export type ReminderPlan = { kind: "schedule"; step: number } | { kind: "expiry" } | null

/** "3 days before the due date", "on the due date", "7 days after the due date". */
export function reminderStepLabel(days: number): string {
  if (days === 0) return "on the due date"
  const n = Math.abs(days)
  return `${n} day${n === 1 ? "" : "s"} ${days < 0 ? "before" : "after"} the due date`
}

/** The day a step falls on for a due date. */
export const reminderDay = (dueDate: CalendarDay, days: number): CalendarDay => addDays(dueDate, days)

/** Whether a link may get any email about paying: open, still outstanding, its order not canceled. */
export function remindable(link: Pick<LinkForReminders, "status" | "expires_at">, order: OrderForReminders, now: Date): boolean {
  if (link.status !== "sent" && link.status !== "viewed") return false // paid, processing, canceled, expired
  if (new Date(link.expires_at).getTime() <= now.getTime()) return false
  return !order.canceled && order.outstanding > 0
}

/**
 * The reminder a link gets today, if any. At most one a day. A step is due on its day; a step missed (the
 * job did not run that day) is sent on the next run, but only the latest missed one, never a burst. Steps on
 * or before the day the link was sent are covered by the link's own email. Without a scheduled step, the
 * one reminder shortly before the link expires (`expiryDays` ahead, 0 = off).
 */
export function planReminder(args: {
  link: LinkForReminders
  order: OrderForReminders
  schedule: ReminderStep[]
  today: CalendarDay
  now: Date
  expiryDays: number
}): ReminderPlan {
  const { link, order, schedule, today, now, expiryDays } = args
  if (!remindable(link, order, now)) return null
  // One email a day: the link's own email counts for the day it was sent, a reminder for its day.
  if (link.last_reminder_on === today || today <= link.sent_day) return null

  if (link.due_date) {
    const due = schedule
      .filter((step) => step.enabled)
      .map((step) => step.days)
      .filter((days) => {
        const day = reminderDay(link.due_date!, days)
        return day <= today && day > link.sent_day && (link.reminder_step === null || days > link.reminder_step)
      })
      .sort((a, b) => b - a)
    if (due.length) return { kind: "schedule", step: due[0] }
  }

  const left = new Date(link.expires_at).getTime() - now.getTime()
  if (expiryDays > 0 && !link.reminder_sent_at && left <= expiryDays * 86_400_000) return { kind: "expiry" }
  return null
}

/** The latest enabled step due by today: what a reminder sent by hand today stands in for. */
export function stepDueBy(dueDate: CalendarDay | null, schedule: ReminderStep[], today: CalendarDay): number | null {
  if (!dueDate) return null
  const due = schedule.filter((step) => step.enabled && reminderDay(dueDate, step.days) <= today).map((step) => step.days)
  return due.length ? Math.max(...due) : null
}

/** The schedule's next step for a link after today, for the order card ("next reminder Dec 5"). */
export function nextReminderDay(
  link: Pick<LinkForReminders, "due_date" | "sent_day" | "reminder_step">,
  schedule: ReminderStep[],
  today: CalendarDay
) {
  if (!link.due_date) return null
  const days = schedule
    .filter((step) => step.enabled && (link.reminder_step === null || step.days > link.reminder_step))
    .map((step) => reminderDay(link.due_date!, step.days))
    .filter((day) => day > today && day > link.sent_day)
    .sort()
  return days[0] ?? null
}

/** Schedules are a handful of distinct steps within a year either side of the due date. */
export function scheduleProblem(schedule: ReminderStep[]): string | null {
  if (schedule.length > 8) return "reminder_schedule has at most 8 steps"
  const seen = new Set<number>()
  for (const step of schedule) {
    if (!Number.isInteger(step.days) || step.days < -60 || step.days > 90) {
      return "each reminder step's days must be a whole number from -60 (before the due date) to 90 (after)"
    }
    if (seen.has(step.days)) return `reminder_schedule lists ${step.days} days twice`
    seen.add(step.days)
  }
  return null
}
