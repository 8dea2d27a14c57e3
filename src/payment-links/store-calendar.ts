import type { MedusaContainer } from "@medusajs/framework/types"
import { findStripeConnection } from "../stripe-account/stripe-connection"
import { DEFAULT_TIME_ZONE, isValidTimeZone } from "./due-dates"
import { DEFAULT_REMINDER_SCHEDULE, scheduleProblem, type ReminderStep } from "./reminder-plan"

/** The store's calendar for due dates and reminders (Settings → Stripe → Due dates and reminders). */
export type StoreCalendar = { time_zone: string; reminder_schedule: ReminderStep[] }

/** What the merchant saved, else UTC and the default schedule; a value that no longer validates falls back too. */
export async function readStoreCalendar(container: Pick<MedusaContainer, "resolve">): Promise<StoreCalendar> {
  const connection = await findStripeConnection(container)
  return storeCalendarOf(connection ?? null)
}

export function storeCalendarOf(connection: { time_zone?: string | null; reminder_schedule?: unknown } | null): StoreCalendar {
  const zone = connection?.time_zone
  // Stored as { steps: [...] } (a JSON object column).
  const stored = connection?.reminder_schedule
  const schedule = stored && typeof stored === "object" && "steps" in stored ? stored.steps : null
  return {
    time_zone: zone && isValidTimeZone(zone) ? zone : DEFAULT_TIME_ZONE,
    reminder_schedule: isSchedule(schedule) ? schedule : DEFAULT_REMINDER_SCHEDULE,
  }
}

function isSchedule(value: unknown): value is ReminderStep[] {
  return (
    Array.isArray(value) &&
    value.every((step) => step && typeof step === "object" && typeof step.days === "number" && typeof step.enabled === "boolean") &&
    scheduleProblem(value) === null
  )
}
