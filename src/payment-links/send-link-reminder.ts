import type { MedusaContainer } from "@medusajs/framework/types"
import { STRIPE_COLLECT_MODULE } from "../modules/stripe-collect"
import type StripeCollectModuleService from "../modules/stripe-collect/service"
import type { PaymentLinkRecord } from "./find-link"
import { formatCalendarDay, isPastDue } from "./due-dates"
import { reminderStepLabel, type ReminderPlan } from "./reminder-plan"
import { sendPaymentLinkEmail, type EmailOutcome } from "./send-payment-link-email"
import { payPageUrl } from "./token"

/** A scheduled step, the one before expiry, or a press of Send reminder (standing in for the step due by then). */
export type ReminderReason = Exclude<ReminderPlan, null> | { kind: "by_hand"; covers: number | null }

export type ReminderOutcome = { sent: false; skipped: "not_open" | "already_today" } | { sent: boolean; email: EmailOutcome }

const why = (reason: ReminderReason, dueDate: string | null) =>
  reason.kind === "schedule"
    ? `${reminderStepLabel(reason.step)}${dueDate ? ` (${formatCalendarDay(dueDate)})` : ""}`
    : reason.kind === "expiry"
      ? "the link expires soon"
      : "sent by hand"

/**
 * Emails one reminder of an open link — the same invoice (same number) and URL, with its due date — after taking the
 * day on the store's calendar (at most one a day), and writes it on the order's activity. A failed email gives the
 * day back, so a later run tries again.
 */
export async function sendLinkReminder(
  container: MedusaContainer,
  link: PaymentLinkRecord,
  { reason, now, today, timeZone, publicUrl }: { reason: ReminderReason; now: Date; today: string; timeZone: string; publicUrl: string }
): Promise<ReminderOutcome> {
  const service = container.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)
  const claim = await service.claimReminderDay(link.id, today, reason.kind === "by_hand")
  if (!claim.claimed) return { sent: false, skipped: link.status === "sent" || link.status === "viewed" ? "already_today" : "not_open" }

  const email = await sendPaymentLinkEmail(container, {
    link: { ...link, amount: Number(link.amount) },
    pay_url: payPageUrl(container, publicUrl, link.token_nonce),
    kind: "reminder",
    reminder: {
      // One email per link and day (a press by hand is its own).
      key: reason.kind === "by_hand" ? `by-hand-${now.getTime()}` : today,
      overdue: isPastDue(link.due_date, now, timeZone),
    },
  })
  const reasonText = why(reason, link.due_date ?? null)
  await service.createActivities([
    {
      order_id: link.order_id,
      kind: "payment_link",
      status: email.sent ? "emailed" : "email_failed",
      operation: "send_reminder",
      amount: Number(link.amount),
      currency_code: link.currency_code,
      payment_link_id: link.id,
      message: email.sent
        ? `Reminder emailed to ${link.email}: ${reasonText}`
        : `Could not email the reminder (${reasonText}) to ${link.email}: ${email.error}`,
    },
  ])
  if (email.sent) {
    await service.updatePaymentLinks({
      id: link.id,
      ...(reason.kind === "schedule" ? { reminder_step: reason.step } : {}),
      ...(reason.kind === "by_hand" && reason.covers !== null && (link.reminder_step == null || reason.covers > link.reminder_step)
        ? { reminder_step: reason.covers }
        : {}),
      ...(reason.kind === "expiry" ? { reminder_sent_at: now } : {}),
    })
  } else {
    await service.updatePaymentLinks({ id: link.id, last_reminder_on: claim.previous })
  }
  return { sent: email.sent, email }
}
