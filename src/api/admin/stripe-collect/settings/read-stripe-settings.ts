import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { stripeSettings } from "../../../../stripe/configured-gateway"
import { connectClientId } from "../../../../stripe-account/connect-client-id"
import { findStripeConnection } from "../../../../stripe-account/stripe-connection"
import { resolveStripeCollectService } from "../../../../stripe-account/stripe-connection"
import { maskApiKey } from "../../../../stripe-account/mask-api-key"
import { howCustomersPay, type LinkPaymentMethods } from "../../../../payment-links/how-customers-pay"
import { DEFAULT_INVOICE_PREFIX } from "../../../../modules/stripe-collect/invoice-number"
import { storeCalendarOf, type StoreCalendar } from "../../../../payment-links/store-calendar"
import { CONNECT_WEBHOOK_EVENTS, WEBHOOK_EVENTS } from "../../../../webhooks/webhook-events"

const RECENT_ERRORS = 20
const DAY = 86_400_000

/** One integration error as the settings page lists it. */
export type IntegrationErrorView = {
  id: string
  occurred_at: string
  kind: string | null
  operation: string | null
  order_id: string | null
  order_display_id: number | null
  stripe_request_id: string | null
  message: string | null
  /** What happened to its email: emailed, throttled, email_failed, no_recipient. */
  email_status: string
}

/** Everything Settings → Stripe shows. Never a secret: the key only masked, no webhook secret, no token. */
export type StripeSettingsView = {
  mode: "api_key" | "oauth"
  connected: boolean
  stripe_account_id: string | null
  account_display_name: string | null
  livemode: boolean
  connected_at: string | null
  /** `sk_test_…abcd` in API-key mode; null with Connect OAuth (the platform's key is not the merchant's). */
  api_key: string | null
  store_name: string | null
  error_email: string | null
  /** true when error_email is the signed-in admin's address, suggested because none was saved. */
  error_email_is_default: boolean
  /** The store's postal address printed on invoices and receipts (lines separated by newlines); null: none. */
  store_address: string | null
  /** Where link payments and disputes are emailed, as saved; null: they go to error_email. */
  payment_notification_email: string | null
  /** The store's receipt email to customers: the merchant's switch, and whether Stripe sends its own instead. */
  customer_receipts: { switch_on: boolean; stripe_sends_receipts: boolean; enabled: boolean }
  /** The invoice number's prefix as saved ({YYYY}: the year of issue), else the default INV-{YYYY}-. */
  invoice_prefix: string
  webhook: {
    endpoint_path: string
    /** The full URL to paste into Stripe, when the public URL is known (the route adds it). */
    endpoint_url?: string | null
    /** The events to select for the endpoint in Stripe (the route adds them). */
    events?: string[]
    last_event_at: string | null
    recent_signature_failures: number
    last_signature_failure_at: string | null
    /** Each event to select, with when it last arrived (webhook or reconciliation; null: never in the last 30 days). */
    events_seen: Array<{ type: string; last_received_at: string | null; count: number }>
    /** Verified events of the last 24 hours that no payment of the plugin claimed (someone else's, or nothing to do). */
    ignored_events_24h: number
  }
  recent_errors: IntegrationErrorView[]
  /** What a payment link's Checkout offers, and how the customer's email and pay page say it. */
  payment_links: { link_payment_methods: LinkPaymentMethods; payment_method_configuration: string | null; description: string }
  /** The store's time zone (due dates, one reminder a day) and the reminder schedule. */
  reminders: StoreCalendar
}

const iso = (value: Date | string | null | undefined) => (value ? new Date(value).toISOString() : null)

async function signedInAdminEmail(container: MedusaContainer, userId: string | undefined) {
  if (!userId) {
    return null
  }
  const [user] = await container.resolve(Modules.USER).listUsers({ id: userId }, { select: ["email"] })
  return user?.email ?? null
}

async function medusaStoreName(container: MedusaContainer) {
  const [store] = await container.resolve(Modules.STORE).listStores({}, { select: ["name"], take: 1 })
  return store?.name ?? null
}

async function orderDisplayIds(container: MedusaContainer, orderIds: string[]) {
  if (!orderIds.length) {
    return new Map<string, number>()
  }
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "order", fields: ["id", "display_id"], filters: { id: orderIds } })
  return new Map(data.map((order) => [order.id, order.display_id]))
}

/** Reads the connection, the key's mask, webhook health and recent integration errors. */
export async function readStripeSettings(container: MedusaContainer, signedInUserId: string | undefined): Promise<StripeSettingsView> {
  const { options, providerId } = stripeSettings(container)
  const mode = connectClientId(options) ? "oauth" : "api_key"
  const connection = await findStripeConnection(container)
  const connected = Boolean(connection?.stripe_account_id && connection.mode === mode)

  const errors = await resolveStripeCollectService(container).listActivities(
    { kind: "error" },
    { order: { created_at: "DESC" }, take: RECENT_ERRORS }
  )
  const orderIds = [...new Set(errors.map((e) => e.order_id).filter((id): id is string => Boolean(id)))]
  const ignoredEvents: Promise<number> = resolveStripeCollectService(container)
    .listAndCountStripeEvents({ status: "ignored", received_at: { $gte: new Date(Date.now() - DAY) } }, { select: ["id"], take: 1 })
    .then(([, count]) => count)
  // Payments, refunds and disputes alike: the merchant sees which kinds of event actually arrive.
  const eventTypes = [...WEBHOOK_EVENTS, ...(mode === "oauth" ? CONNECT_WEBHOOK_EVENTS : [])]
  const eventsSeen = resolveStripeCollectService(container)
    .stripeEventsSeen(eventTypes)
    .then((rows) =>
      eventTypes.map((type) => {
        const row = rows.find((r) => r.type === type)
        return { type, last_received_at: row ? iso(row.last_received_at) : null, count: row?.count ?? 0 }
      })
    )
  const [displayIds, adminEmail, storeName] = await Promise.all([
    orderDisplayIds(container, orderIds),
    connection?.error_email ? Promise.resolve(null) : signedInAdminEmail(container, signedInUserId),
    connection?.store_name ? Promise.resolve(null) : medusaStoreName(container),
  ])

  return {
    mode,
    connected,
    stripe_account_id: connected ? (connection?.stripe_account_id ?? null) : null,
    account_display_name: connected ? (connection?.account_display_name ?? null) : null,
    livemode: connected ? (connection?.livemode ?? false) : false,
    connected_at: connected ? iso(connection?.connected_at) : null,
    api_key: mode === "api_key" ? maskApiKey(options.apiKey) : null,
    store_name: connection?.store_name ?? storeName,
    error_email: connection?.error_email ?? adminEmail,
    error_email_is_default: !connection?.error_email && Boolean(adminEmail),
    store_address: connection?.store_address ?? null,
    payment_notification_email: connection?.payment_notification_email ?? null,
    customer_receipts: {
      switch_on: connection?.customer_receipts ?? true,
      stripe_sends_receipts: options.receipts,
      enabled: (connection?.customer_receipts ?? true) && !options.receipts,
    },
    invoice_prefix: connection?.invoice_prefix || DEFAULT_INVOICE_PREFIX,
    webhook: {
      endpoint_path: `/hooks/payment/stripe-collect_${providerId}`,
      last_event_at: iso(connection?.last_webhook_at),
      recent_signature_failures: connection?.webhook_failure_count ?? 0,
      last_signature_failure_at: iso(connection?.last_webhook_failure_at),
      ignored_events_24h: await ignoredEvents,
      events_seen: await eventsSeen,
    },
    recent_errors: errors.map((e) => ({
      id: e.id,
      occurred_at: new Date(e.created_at).toISOString(),
      kind: e.failure_code ?? null,
      operation: e.operation ?? null,
      order_id: e.order_id ?? null,
      order_display_id: e.order_id ? (displayIds.get(e.order_id) ?? null) : null,
      stripe_request_id: e.stripe_request_id ?? null,
      message: e.message ?? null,
      email_status: e.status,
    })),
    payment_links: {
      link_payment_methods: connection?.link_payment_methods ?? "cards",
      payment_method_configuration: connection?.payment_method_configuration ?? null,
      description: howCustomersPay(connection?.link_payment_methods ?? "cards"),
    },
    reminders: storeCalendarOf(connection ?? null),
  }
}
