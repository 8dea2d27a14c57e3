import type { MedusaContainer } from "@medusajs/framework/types"
import { STRIPE_COLLECT_MODULE } from "../modules/stripe-collect"
import type StripeCollectModuleService from "../modules/stripe-collect/service"
import { amountDueByLink } from "./open-link-checkout"
import { calendarDay, daysBetween, termsLabel } from "./due-dates"
import { linkDueState, type LinkDueState } from "./link-due-state"
import { loadOrderDueFacts, type OrderDueFacts } from "./order-due-facts"
import { readStoreCalendar } from "./store-calendar"
import type { PaymentLinkRecord } from "./find-link"

export const LINK_LIST_STATUSES = ["open", "overdue", "processing", "paid", "canceled", "expired"] as const
export type LinkListStatus = (typeof LINK_LIST_STATUSES)[number]

/**
 * Open and overdue links are told apart by the order's balance (Medusa's, not the plugin's table), so those two
 * filters read every open link — bounded by what a store has unpaid at once — and page in memory.
 */
export const MAX_OPEN_LINKS = 5000

export type PaymentLinkListRow = {
  id: string
  order_id: string
  order_display_id: number | null
  customer_name: string | null
  email: string
  state: LinkDueState
  status: string
  amount: number
  /** What the customer still owes by this link (capped at the order's outstanding amount); 0 once settled. */
  amount_due: number
  currency_code: string
  terms: string | null
  terms_label: string | null
  due_date: string | null
  days_overdue: number
  /** Days since the link was sent, on the store's calendar. */
  age_days: number
  created_at: Date
  sent_at: Date | null
  expires_at: Date
  last_reminder_on: string | null
}

export type PaymentLinkList = { payment_links: PaymentLinkListRow[]; count: number; limit: number; offset: number }

/** Payment links across orders, as the Payment links page follows them up. */
export async function listPaymentLinksAcrossOrders(
  container: MedusaContainer,
  { status, limit, offset, now = new Date() }: { status?: LinkListStatus; limit: number; offset: number; now?: Date }
): Promise<PaymentLinkList> {
  const service = container.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)
  const { time_zone } = await readStoreCalendar(container)
  const row = (link: PaymentLinkRecord, order: OrderDueFacts | undefined): PaymentLinkListRow => {
    const facts = order ?? { canceled: false, outstanding: 0, display_id: null, customer_name: null }
    const due = linkDueState(link, facts, now, time_zone)
    const open = due.state === "open" || due.state === "overdue"
    return {
      id: link.id,
      order_id: link.order_id,
      order_display_id: facts.display_id,
      customer_name: facts.customer_name,
      email: link.email,
      ...due,
      status: link.status,
      amount: Number(link.amount),
      amount_due: open ? amountDueByLink(Number(link.amount), facts.outstanding) : due.state === "processing" ? Number(link.amount) : 0,
      currency_code: link.currency_code,
      terms: link.terms ?? null,
      terms_label: termsLabel(link.terms),
      due_date: link.due_date ?? null,
      age_days: Math.max(0, daysBetween(calendarDay(new Date(link.created_at), time_zone), calendarDay(now, time_zone))),
      created_at: link.created_at,
      sent_at: link.sent_at,
      expires_at: link.expires_at,
      last_reminder_on: link.last_reminder_on ?? null,
    }
  }

  if (status === "open" || status === "overdue") {
    const candidates = await service.listPaymentLinks(
      { status: ["sent", "viewed"], expires_at: { $gt: now } },
      // Overdue longest first; links without a due date last.
      { order: { due_date: "ASC", created_at: "ASC" }, take: MAX_OPEN_LINKS }
    )
    const orders = await loadOrderDueFacts(
      container,
      candidates.map((l) => l.order_id)
    )
    const rows = candidates.map((l) => row(l, orders.get(l.order_id))).filter((r) => r.state === status)
    return { payment_links: rows.slice(offset, offset + limit), count: rows.length, limit, offset }
  }

  const filter =
    status === "expired"
      ? { $or: [{ status: "expired" as const }, { status: ["sent" as const, "viewed" as const], expires_at: { $lte: now } }] }
      : status
        ? { status }
        : {}
  const [links, count] = await service.listAndCountPaymentLinks(filter, { order: { created_at: "DESC" }, take: limit, skip: offset })
  const orders = await loadOrderDueFacts(
    container,
    links.map((l) => l.order_id)
  )
  return { payment_links: links.map((l) => row(l, orders.get(l.order_id))), count, limit, offset }
}
