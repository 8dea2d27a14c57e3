import type { MedusaContainer } from "@medusajs/framework/types"
import { sendDueReminders } from "../payment-links/send-due-reminders"

/** Hourly, so every store time zone's day is covered; the planner sends at most one reminder per link and day. */
export default async function paymentLinkRemindersJob(container: MedusaContainer) {
  await sendDueReminders(container, new Date())
}

export const config = {
  name: "stripe-collect-payment-link-reminders",
  schedule: "27 * * * *",
}
