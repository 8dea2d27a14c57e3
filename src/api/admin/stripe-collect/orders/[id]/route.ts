import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { STRIPE_COLLECT_MODULE } from "../../../../../modules/stripe-collect"
import type StripeCollectModuleService from "../../../../../modules/stripe-collect/service"
import { collectableAmount, loadOrderBalance } from "../../../../../orders/order-balance"
import { loadOrderPaymentState } from "../../../../../orders/order-payment-state"
import { CARD_ENTRY_LABELS, SAVE_CARD_CONSENT, type CardEntry } from "../../../../../charges/card-entry"
import { STRIPE_TEST_CARDS } from "../test-cards"
import { newCardSetup } from "../new-card"
import { postalAddress } from "../../../../../orders/postal-address"
import { stripeGateway, stripeSettings } from "../../../../../stripe/configured-gateway"
import { getStripeAccountId } from "../../../../../stripe-account/get-stripe-account-id"
import { stripeCustomerOfOrder } from "../../../../../charges/stripe-customer"
import { stripeCollectProviderId } from "../../../../../stripe-account/stripe-collect-provider-config"
import type { MedusaContainer } from "@medusajs/framework/types"
import { stripeCollectPermissions } from "../../../../utils/stripe-collect-permissions"
import { howCustomersPay } from "../../../../../payment-links/how-customers-pay"
import { readLinkPaymentMethods } from "../../../../../payment-links/link-payment-methods"
import { readStoreCalendar } from "../../../../../payment-links/store-calendar"
import { linkDueState } from "../../../../../payment-links/link-due-state"
import { calendarDay, termsLabel } from "../../../../../payment-links/due-dates"
import { toInvoiceResponse } from "../invoice-response"
import { nextReminderDay } from "../../../../../payment-links/reminder-plan"
import { orderStripePayments } from "../../../../../refunds/order-stripe-payments"

type CardOnFile = { id: string; brand: string; last4: string; exp_month: number; exp_year: number }

/** The customer's saved cards at Stripe (their account holder's customer), newest first. */
async function cardsOnFile(
  container: MedusaContainer,
  orderId: string,
  stripeAccount: string | undefined
): Promise<{ cards: CardOnFile[]; error?: string }> {
  const customer = await stripeCustomerOfOrder(container, orderId, stripeCollectProviderId(container), stripeAccount)
  if (!customer) return { cards: [] }
  try {
    const { customers } = stripeGateway(container).onAccount(stripeAccount)
    const methods = await customers.listPaymentMethods(customer, { type: "card", limit: 20 })
    return {
      cards: methods.flatMap((m) =>
        m.card ? [{ id: m.id, brand: m.card.brand, last4: m.card.last4, exp_month: m.card.exp_month, exp_year: m.card.exp_year }] : []
      ),
    }
  } catch (error) {
    // The gateway's message already says "Stripe could not list the saved cards: ..." with Stripe's request id.
    return { cards: [], error: error instanceof Error ? error.message : String(error) }
  }
}

const dashboardUrl = (id: string | null, livemode: boolean) => {
  if (!id) return null
  const base = `https://dashboard.stripe.com/${livemode ? "" : "test/"}`
  if (id.startsWith("pi_")) return `${base}payments/${id}`
  if (id.startsWith("cs_")) return `${base}checkout/sessions/${id}`
  if (id.startsWith("re_")) return `${base}refunds/${id}`
  if (id.startsWith("dp_") || id.startsWith("du_")) return `${base}disputes/${id}`
  return null
}

// What the order page's Stripe card shows: balance, customer, card choices, activity and links.
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const service = req.scope.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)
  const order = await loadOrderBalance(req.scope, req.params.id)
  const state = await loadOrderPaymentState(req.scope, order.id)
  const { options } = stripeSettings(req.scope)
  const testMode = stripeGateway(req.scope).testMode
  // Not connected yet (Connect OAuth): no account; charging then answers why.
  const stripeAccount = await getStripeAccountId(req.scope).catch(() => undefined)
  const [activity, links, cards, linkMethods, invoice, disputes, recorded, calendar, payments] = await Promise.all([
    service.listActivities({ order_id: order.id }, { order: { created_at: "DESC" }, take: 100 }),
    service.listPaymentLinks({ order_id: order.id }, { order: { created_at: "DESC" }, take: 100 }),
    cardsOnFile(req.scope, order.id, stripeAccount),
    readLinkPaymentMethods(req.scope),
    service.currentInvoice(order.id),
    service.listDisputes({ order_id: order.id }, { order: { created_at: "DESC" }, take: 20 }),
    service.listPaymentAttempts({ order_id: order.id, status: "recorded" }, { select: ["activity_id", "payment_id"], take: 1000 }),
    readStoreCalendar(req.scope),
    orderStripePayments(req.scope, order.id),
  ])
  // The payment each recorded charge or link payment line stands for: its receipt PDF.
  const paymentOfLine = new Map(recorded.flatMap((a) => (a.activity_id && a.payment_id ? [[a.activity_id, a.payment_id] as const] : [])))
  const now = new Date()
  const today = calendarDay(now, calendar.time_zone)
  const orderDue = { canceled: order.status === "canceled", outstanding: state.outstanding }
  const address = order.billing_address as Record<string, string | null> | null
  const name =
    [order.customer?.first_name ?? address?.first_name, order.customer?.last_name ?? address?.last_name].filter(Boolean).join(" ") || null

  res.json({
    order: {
      ...state,
      status: order.status,
      // Held by bank debits still processing: part of the outstanding amount nobody may collect meanwhile.
      processing: order.processing ?? 0,
      payable: order.status !== "canceled" && order.status !== "draft" && collectableAmount({ ...state, processing: order.processing }) > 0,
    },
    customer: {
      id: order.customer?.id ?? null,
      name,
      email: order.email ?? order.customer?.email ?? null,
      phone: order.customer?.phone ?? address?.phone ?? null,
      billing_address: postalAddress(address),
    },
    // The order's invoice (its latest version), null until its first link issues it.
    invoice: invoice && toInvoiceResponse(invoice),
    // Due dates are days of the store's calendar (Settings → Stripe).
    time_zone: calendar.time_zone,
    cards_on_file: cards.cards,
    cards_error: cards.error ?? null,
    // Stripe's test cards work only with a test-mode key.
    test_cards: testMode ? STRIPE_TEST_CARDS : [],
    // A new card typed into Stripe's own card field (Stripe.js); null without a publishable key.
    new_card: newCardSetup(options, stripeAccount),
    // "Mail/phone order" is offered for typed cards only when the provider's moto option says Stripe enabled MOTO.
    mail_phone_order_available: options.moto,
    // The sentence shown beside "Save the card", recorded with the consent when it is ticked.
    save_card_consent: SAVE_CARD_CONSENT,
    livemode: !testMode,
    // What this admin's roles allow (Medusa's RBAC flag), so the card shows only what will work.
    permissions: await stripeCollectPermissions(req),
    // What a payment link's Checkout offers (Settings → Stripe), in the words the customer's email uses.
    link_payment_methods: { methods: linkMethods.methods, description: howCustomersPay(linkMethods.methods) },
    activity: activity.map((a) => ({
      id: a.id,
      kind: a.kind,
      status: a.status,
      operation: a.operation,
      amount: a.amount == null ? null : Number(a.amount),
      currency_code: a.currency_code,
      card_brand: a.card_brand,
      card_last4: a.card_last4,
      card_entry: a.card_entry,
      card_entry_label: a.card_entry ? (CARD_ENTRY_LABELS[a.card_entry as CardEntry] ?? null) : null,
      actor_id: a.actor_id,
      consent_text: a.consent_text,
      payment_method: a.payment_method ?? null,
      failure_code: a.failure_code,
      decline_code: a.decline_code,
      message: a.message,
      stripe_object_id: a.stripe_object_id,
      stripe_request_id: a.stripe_request_id,
      stripe_dashboard_url: dashboardUrl(a.stripe_object_id, a.livemode),
      payment_link_id: a.payment_link_id,
      payment_id: paymentOfLine.get(a.id) ?? null,
      receipt_path: paymentOfLine.has(a.id) ? `/admin/stripe-collect/orders/${order.id}/receipts/${paymentOfLine.get(a.id)}` : null,
      created_at: a.created_at,
    })),
    // The order's Stripe payments (charges, link payments, checkouts) and what each can still refund.
    payments: payments.map((p) => ({
      ...p,
      disputed: disputes.some((d) => d.payment_id === p.id && !d.status.startsWith("warning_") && !["won", "prevented"].includes(d.status)),
    })),
    // Disputes (and inquiries) on the order's Stripe payments, every status Stripe gives them.
    disputes: disputes.map((d) => ({
      id: d.stripe_dispute_id,
      status: d.status,
      reason: d.reason,
      amount: Number(d.amount),
      currency_code: d.currency_code,
      evidence_due_by: d.evidence_due_by,
      open: !["won", "lost", "warning_closed", "prevented"].includes(d.status),
      stripe_dashboard_url: dashboardUrl(d.stripe_dispute_id, d.livemode),
    })),
    payment_links: links.map((l) => ({
      id: l.id,
      status: l.status,
      // open, overdue, processing, paid, canceled or expired: what the merchant follows up.
      ...linkDueState(l, orderDue, now, calendar.time_zone),
      terms: l.terms ?? null,
      terms_label: termsLabel(l.terms),
      due_date: l.due_date ?? null,
      last_reminder_on: l.last_reminder_on ?? null,
      next_reminder_on:
        l.status === "sent" || l.status === "viewed"
          ? nextReminderDay(
              {
                due_date: l.due_date ?? null,
                sent_day: calendarDay(new Date(l.created_at), calendar.time_zone),
                reminder_step: l.reminder_step ?? null,
              },
              calendar.reminder_schedule,
              today
            )
          : null,
      amount: Number(l.amount),
      currency_code: l.currency_code,
      email: l.email,
      expires_at: l.expires_at,
      sent_at: l.sent_at,
      viewed_at: l.viewed_at,
      paid_at: l.paid_at,
      canceled_at: l.canceled_at,
      created_at: l.created_at,
    })),
  })
}
