import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MathBN } from "@medusajs/framework/utils"
import { STRIPE_COLLECT_MODULE } from "../modules/stripe-collect"
import type StripeCollectModuleService from "../modules/stripe-collect/service"
import { loadInvoice } from "../payment-links/invoice"
import { cardLabel } from "../stripe/payment-method-label"

/** One payment the plugin recorded on an order, as its receipt (email and PDF) tells it. */
export type Receipt = {
  /** "INV-2026-0001-2": the order's invoice number (when it was issued before this payment) or "#1001", and the payment's rank. */
  receipt_number: string
  /** The invoice this payment paid towards; null when the order had none yet. */
  invoice_number: string | null
  /** 1 for the order's first payment through the plugin, 2 for the next, ... */
  payment_number: number
  payment_id: string
  order_id: string
  order_display_id: number
  order_date: string
  store_name: string
  /** The store's postal address (Settings → Stripe) as printed lines; null when none was saved. */
  store_address: string[] | null
  customer_name: string | null
  customer_email: string | null
  billing_address: string[] | null
  amount_paid: number
  currency_code: string
  paid_at: string
  /** "Visa •••• 4242", "SEPA Direct Debit •••• 3000", "Klarna", "Apple Pay · Visa •••• 4242". */
  payment_method: string
  /** What the order totalled, what was paid up to and including this payment, and what was left after it. */
  order_total: number
  paid_so_far: number
  left_to_pay: number
  flow: "admin_charge" | "payment_link"
  payment_link_id: string | null
  /** Stripe's PaymentIntent: the reference the customer's bank statement and Stripe's Dashboard know. */
  payment_intent_id: string | null
}

const num = (v: unknown) => (v == null ? 0 : MathBN.convert(v as number).toNumber())
const at = (v: unknown) => new Date(v as string).getTime()

/**
 * The receipt of a payment the plugin recorded on this order (found by Medusa's payment id), or null when the
 * order has no such payment. Built from records that do not change once written, so the email's PDF and a
 * later download print the same thing.
 */
export async function loadReceipt(container: MedusaContainer, orderId: string, paymentId: string): Promise<Receipt | null> {
  const ledger = container.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)
  const recorded = await ledger.listPaymentAttempts({ order_id: orderId, status: "recorded" }, { take: 1000 })
  const rank = [...recorded].sort((a, b) => at(a.settled_at) - at(b.settled_at) || a.id.localeCompare(b.id))
  const index = rank.findIndex((attempt) => attempt.payment_id === paymentId)
  if (index < 0) return null
  const attempt = rank[index]

  const [invoice, invoices, line, money] = await Promise.all([
    loadInvoice(container, orderId),
    ledger.listInvoices({ order_id: orderId }, { take: 1, order: { version: "ASC" } }),
    attempt.activity_id ? ledger.retrieveActivity(attempt.activity_id).catch(() => null) : Promise.resolve(null),
    paidUpTo(container, orderId, paymentId),
  ])
  const paidAt = new Date(attempt.settled_at ?? attempt.updated_at)
  // Numbered by the invoice only when the invoice existed when the customer paid: the number never changes later.
  const first = invoices[0]
  const invoiceNumber = first && new Date(first.issued_at).getTime() <= paidAt.getTime() ? first.number : null
  const paymentNumber = index + 1
  return {
    receipt_number: `${invoiceNumber ?? `#${invoice.order_display_id}`}-${paymentNumber}`,
    invoice_number: invoiceNumber,
    payment_number: paymentNumber,
    payment_id: paymentId,
    order_id: orderId,
    order_display_id: invoice.order_display_id,
    order_date: invoice.order_date,
    store_name: invoice.store_name,
    store_address: invoice.store_address,
    customer_name: invoice.customer_name,
    customer_email: money.email,
    billing_address: invoice.billing_address,
    amount_paid: num(attempt.amount),
    currency_code: attempt.currency_code,
    paid_at: paidAt.toISOString(),
    payment_method: line?.payment_method || cardLabel(line?.card_brand, line?.card_last4),
    order_total: money.order_total,
    paid_so_far: money.paid,
    left_to_pay: Math.max(0, money.order_total - money.paid),
    flow: attempt.flow,
    payment_link_id: attempt.payment_link_id ?? null,
    payment_intent_id: attempt.payment_intent_id ?? null,
  }
}

/** What the order had been paid (captures less refunds) up to and including this payment's capture. */
async function paidUpTo(container: MedusaContainer, orderId: string, paymentId: string) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order",
    fields: [
      "email",
      "total",
      "payment_collections.payments.id",
      "payment_collections.payments.captures.amount",
      "payment_collections.payments.captures.created_at",
      "payment_collections.payments.refunds.amount",
      "payment_collections.payments.refunds.created_at",
    ],
    filters: { id: orderId },
  })
  type Money = { amount: unknown; created_at: unknown }
  type Payment = { id: string; captures?: Money[]; refunds?: Money[] }
  const order = data[0] as { email?: string | null; total: unknown; payment_collections?: { payments?: Payment[] }[] }
  const payments = (order.payment_collections ?? []).flatMap((c) => c.payments ?? [])
  const captured = (payments.find((p) => p.id === paymentId)?.captures ?? []).map((c) => at(c.created_at))
  const until = captured.length ? Math.max(...captured) : Date.now()
  const sum = (rows: Money[]) => rows.filter((r) => at(r.created_at) <= until).reduce((total, r) => total + num(r.amount), 0)
  const paid = sum(payments.flatMap((p) => p.captures ?? [])) - sum(payments.flatMap((p) => p.refunds ?? []))
  // Rounded to the currency's smallest unit that any currency uses (3 decimals): sums of decimals drift.
  const round = (n: number) => Math.round(n * 1000) / 1000
  return { email: order.email ?? null, order_total: round(num(order.total)), paid: round(paid) }
}

/** The receipt PDF's file name, safe in a Content-Disposition header. */
export const receiptFileName = (receipt: Pick<Receipt, "receipt_number">) =>
  `receipt-${receipt.receipt_number.replace(/^#/, "order-").replace(/[^A-Za-z0-9._-]+/g, "-")}.pdf`
