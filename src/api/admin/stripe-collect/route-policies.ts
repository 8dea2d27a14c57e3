import type { MiddlewareRoute } from "@medusajs/framework/http"
import { STRIPE_COLLECT_RESOURCE, type StripeCollectOperation } from "../../../policies/stripe-collect"

type Method = "GET" | "POST" | "DELETE"

/**
 * The permission each admin route needs. With Medusa's RBAC feature flag on, a caller whose roles lack it
 * gets 403 before the route runs; without the flag Medusa ignores these and any admin may, as before.
 * A new admin route adds its row here.
 */
const ROUTES: [Method, string, StripeCollectOperation][] = [
  ["GET", "/admin/stripe-collect/orders/:id", "read"],
  ["GET", "/admin/stripe-collect/orders/:id/invoice", "read"],
  ["GET", "/admin/stripe-collect/orders/:id/receipts/:paymentId", "read"],
  ["POST", "/admin/stripe-collect/orders/:id/charges", "charge"],
  ["POST", "/admin/stripe-collect/orders/:id/refunds", "refund"],
  ["POST", "/admin/stripe-collect/orders/:id/payment-links", "send_link"],
  ["GET", "/admin/stripe-collect/payment-links", "read"],
  ["POST", "/admin/stripe-collect/payment-links/:id/resend", "send_link"],
  ["POST", "/admin/stripe-collect/payment-links/:id/remind", "send_link"],
  ["POST", "/admin/stripe-collect/orders/:id/invoice", "send_link"],
  ["POST", "/admin/stripe-collect/payment-links/:id/cancel", "send_link"],
  ["GET", "/admin/stripe-collect/settings", "read"],
  ["GET", "/admin/stripe-collect/settings/changes", "read"],
  ["POST", "/admin/stripe-collect/settings", "manage_settings"],
  ["POST", "/admin/stripe-collect/settings/payment-methods", "manage_settings"],
  ["POST", "/admin/stripe-collect/settings/reminders", "manage_settings"],
  ["POST", "/admin/stripe-collect/connect", "manage_settings"],
  ["GET", "/admin/stripe-collect/connect/callback", "manage_settings"],
  ["POST", "/admin/stripe-collect/disconnect", "manage_settings"],
  ["POST", "/admin/stripe-collect/reconcile", "manage_settings"],
]

export const routePolicies: MiddlewareRoute[] = ROUTES.map(([method, matcher, operation]) => ({
  methods: [method],
  matcher,
  policies: [{ resource: STRIPE_COLLECT_RESOURCE, operation }],
}))
