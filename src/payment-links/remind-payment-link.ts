import { MedusaError } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { STRIPE_COLLECT_MODULE } from "../modules/stripe-collect"
import type StripeCollectModuleService from "../modules/stripe-collect/service"
import { calendarDay } from "./due-dates"
import { linkState } from "./find-link"
import { loadOrderDueFacts } from "./order-due-facts"
import { sendLinkReminder } from "./send-link-reminder"
import { readStoreCalendar } from "./store-calendar"
import { stepDueBy } from "./reminder-plan"

/** Send reminder on the order card: the same link and invoice again, worded as a reminder with its due date. */
export async function remindPaymentLink(container: MedusaContainer, linkId: string, publicUrl: string) {
  const service = container.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)
  const link = await service.retrievePaymentLink(linkId)
  const state = linkState(link)
  if (state !== "open") {
    const why = state === "processing" ? "its bank payment is processing" : `it is ${state}`
    throw new MedusaError(MedusaError.Types.CONFLICT, `No reminder for this payment link: ${why}`)
  }
  const order = (await loadOrderDueFacts(container, [link.order_id])).get(link.order_id)
  if (!order || order.canceled)
    throw new MedusaError(MedusaError.Types.CONFLICT, "No reminder for this payment link: its order is canceled")
  if (!(order.outstanding > 0)) {
    throw new MedusaError(MedusaError.Types.CONFLICT, "No reminder for this payment link: nothing is outstanding on its order")
  }
  const { time_zone: timeZone, reminder_schedule: schedule } = await readStoreCalendar(container)
  const now = new Date()
  const today = calendarDay(now, timeZone)
  const outcome = await sendLinkReminder(container, link, {
    // It stands in for the scheduled step due by today, so the job does not send that one again tomorrow.
    reason: { kind: "by_hand", covers: stepDueBy(link.due_date ?? null, schedule, today) },
    now,
    today,
    timeZone,
    publicUrl,
  })
  if (!("email" in outcome)) throw new MedusaError(MedusaError.Types.CONFLICT, "No reminder for this payment link: it is no longer open")
  if (!outcome.email.sent) {
    throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, `The reminder to ${link.email} could not be sent: ${outcome.email.error}`)
  }
  return { link: await service.retrievePaymentLink(linkId), email: outcome.email }
}
