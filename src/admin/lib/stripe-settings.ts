import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { sdk } from "./sdk"

// The contract of /admin/stripe-collect/settings, /connect and /disconnect as the page reads it.

export type IntegrationError = {
  id: string
  occurred_at: string
  kind: string | null
  operation: string | null
  order_id: string | null
  order_display_id: number | null
  stripe_request_id: string | null
  message: string | null
  email_status: string
}

export type StripeSettings = {
  /** What the admin's roles allow with the plugin (all true without Medusa's RBAC flag). */
  permissions?: { read: boolean; manage_settings: boolean }
  mode: "api_key" | "oauth"
  connected: boolean
  stripe_account_id: string | null
  account_display_name: string | null
  livemode: boolean
  connected_at: string | null
  api_key: string | null
  store_name: string | null
  error_email: string | null
  error_email_is_default: boolean
  /** The store's postal address on invoices and receipts (lines separated by newlines); null: none. */
  store_address: string | null
  /** Where link payments and disputes are emailed; null: error_email. */
  payment_notification_email: string | null
  /** The store's receipt email: the merchant's switch, and whether Stripe sends its own instead (the provider's `receipts`). */
  customer_receipts: { switch_on: boolean; stripe_sends_receipts: boolean; enabled: boolean }
  /** Invoice numbers start with it; {YYYY} is the year of issue. */
  invoice_prefix: string
  webhook: {
    /** The full URL to paste into Stripe (null: only the path is known). */
    endpoint_url?: string | null
    /** The events to select for the endpoint in Stripe. */
    events?: string[]
    endpoint_path: string
    last_event_at: string | null
    recent_signature_failures: number
    last_signature_failure_at: string | null
    ignored_events_24h: number
    /** Each event to select, with when it last arrived (null: not in the last 30 days); absent from an older server. */
    events_seen?: Array<{ type: string; last_received_at: string | null; count: number }>
  }
  recent_errors: IntegrationError[]
  /** What a payment link's Checkout offers; `description` is how the customer's email says it. */
  payment_links: LinkPaymentMethodSettings & { description: string }
  /** The store's time zone and reminder schedule. */
  reminders: ReminderSettings
}

/** One reminder: days from the due date (negative before it), on or off. */
export type ReminderStep = { days: number; enabled: boolean }

export type ReminderSettings = { time_zone: string; reminder_schedule: ReminderStep[] }

export type LinkPaymentMethodSettings = {
  link_payment_methods: "cards" | "all"
  /** A Stripe payment method configuration (`pmc_...`) for "all"; null = the account's default. */
  payment_method_configuration: string | null
}

export type StripeKeyCheck =
  | { checked: false }
  | { checked: true; ok: true; stripe_account_id: string; account_display_name: string | null }
  | { checked: true; ok: false; reason?: "unreachable" | "refused"; message: string; stripe_request_id: string | null }

export type SaveStripeSettings = {
  store_name: string
  error_email: string
  store_address?: string | null
  payment_notification_email?: string | null
  customer_receipts?: boolean
  invoice_prefix?: string
}

const SETTINGS_KEY = ["stripe-collect", "settings"] as const

export function useStripeSettings() {
  return useQuery({
    queryKey: SETTINGS_KEY,
    queryFn: () => sdk.client.fetch<{ settings: StripeSettings }>("/admin/stripe-collect/settings"),
    select: (data) => data.settings,
  })
}

export function useSaveStripeSettings() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: SaveStripeSettings) =>
      sdk.client.fetch<{ settings: StripeSettings; stripe_check: StripeKeyCheck }>("/admin/stripe-collect/settings", {
        method: "POST",
        body,
      }),
    onSuccess: (data) => queryClient.setQueryData(SETTINGS_KEY, { settings: data.settings }),
  })
}

export function useStartStripeConnect() {
  return useMutation({
    mutationFn: () => sdk.client.fetch<{ authorize_url: string }>("/admin/stripe-collect/connect", { method: "POST", body: {} }),
  })
}

export function useDisconnectStripe() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () =>
      sdk.client.fetch<{ settings: StripeSettings; deauthorized: boolean }>("/admin/stripe-collect/disconnect", {
        method: "POST",
        body: {},
      }),
    onSuccess: (data) => queryClient.setQueryData(SETTINGS_KEY, { settings: data.settings }),
  })
}

/** What `POST /admin/stripe-collect/reconcile` found asking Stripe about the payments the plugin has not settled. */
export type Reconciliation = {
  hours: number
  checked: number
  recorded: number
  already_recorded: number
  declined: number
  not_charged: number
  expired: number
  waiting: number
  mismatch: number
  failed: number
}

export function useReconcileWithStripe() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => sdk.client.fetch<{ reconciliation: Reconciliation }>("/admin/stripe-collect/reconcile", { method: "POST", body: {} }),
    // Recorded payments and any failure show up in the errors list and on orders.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["stripe-collect"] }),
  })
}

export function useSaveLinkPaymentMethods() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: LinkPaymentMethodSettings) =>
      sdk.client.fetch<{ settings: StripeSettings }>("/admin/stripe-collect/settings/payment-methods", { method: "POST", body }),
    onSuccess: (data) => queryClient.setQueryData(SETTINGS_KEY, { settings: data.settings }),
  })
}

export function useSaveReminderSettings() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: ReminderSettings) =>
      sdk.client.fetch<{ settings: StripeSettings }>("/admin/stripe-collect/settings/reminders", { method: "POST", body }),
    onSuccess: (data) =>
      queryClient.setQueryData(SETTINGS_KEY, (old: { settings: StripeSettings } | undefined) => ({
        settings: { ...data.settings, permissions: old?.settings.permissions ?? data.settings.permissions },
      })),
  })
}
