import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { STRIPE_COLLECT_MODULE } from "../modules/stripe-collect"
import type StripeCollectModuleService from "../modules/stripe-collect/service"
import { calendarDay } from "./due-dates"
import { loadOrderDueFacts } from "./order-due-facts"
import { planReminder } from "./reminder-plan"
import { sendLinkReminder } from "./send-link-reminder"
import { readStoreCalendar } from "./store-calendar"

/** Days before expiry the one pre-expiry reminder goes out; STRIPE_COLLECT_LINK_REMINDER_DAYS=0 turns it off. */
export function expiryReminderDays(): number {
  const value = Number(process.env.STRIPE_COLLECT_LINK_REMINDER_DAYS ?? 3)
  return Number.isFinite(value) && value >= 0 ? value : 3
}

export type ReminderRun = { checked: number; sent: number; failed: number }

/**
 * One run of the reminder job at `now` (the job passes the clock, tests pass any day): every open link gets what
 * the planner says for today on the store's calendar — a schedule step, or the one reminder before expiry.
 */
export async function sendDueReminders(container: MedusaContainer, now: Date = new Date()): Promise<ReminderRun> {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const publicUrl = process.env.STRIPE_COLLECT_PUBLIC_URL ?? process.env.MEDUSA_BACKEND_URL
  if (!publicUrl) {
    logger.warn("stripe-collect: payment link reminders need STRIPE_COLLECT_PUBLIC_URL (the pay URL is built from it); none sent")
    return { checked: 0, sent: 0, failed: 0 }
  }
  const service = container.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)
  const { time_zone: timeZone, reminder_schedule: schedule } = await readStoreCalendar(container)
  const today = calendarDay(now, timeZone)
  const links = await service.listPaymentLinks(
    { status: ["sent", "viewed"], expires_at: { $gt: now } },
    { take: 5000, order: { created_at: "ASC" } }
  )
  const orders = await loadOrderDueFacts(
    container,
    links.map((l) => l.order_id)
  )
  const run: ReminderRun = { checked: links.length, sent: 0, failed: 0 }
  for (const link of links) {
    const order = orders.get(link.order_id)
    if (!order) continue
    const plan = planReminder({
      link: {
        status: link.status,
        due_date: link.due_date ?? null,
        sent_day: calendarDay(new Date(link.created_at), timeZone),
        last_reminder_on: link.last_reminder_on ?? null,
        reminder_step: link.reminder_step ?? null,
        expires_at: link.expires_at,
        reminder_sent_at: link.reminder_sent_at,
      },
      order,
      schedule,
      today,
      now,
      expiryDays: expiryReminderDays(),
    })
    if (!plan) continue
    try {
      const outcome = await sendLinkReminder(container, link, { reason: plan, now, today, timeZone, publicUrl })
      if (outcome.sent) run.sent++
      else if ("email" in outcome) run.failed++
    } catch (error) {
      run.failed++
      logger.warn(`stripe-collect: reminder for payment link ${link.id} failed: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
  return run
}
