import type { IntegrationErrorKind } from "./integration-error-kinds"

export type ReportIntegrationErrorInput = {
  kind: IntegrationErrorKind
  /** What the plugin was doing, in the merchant's words: "Charge card", "Send payment link", ... */
  operation: string
  order_id?: string | null
  order_display_id?: string | number | null
  /** Stripe's `Request-Id` of the failed call, for Stripe support and the Dashboard's logs. */
  stripe_request_id?: string | null
  /** The Stripe object the notice is about (a dispute, a refund): each one is emailed, not one per kind. */
  stripe_object_id?: string | null
  message: string
  /** What the merchant should do; a default per kind is used when absent. */
  action?: string | null
}

/** What happened to the error's email; stored in the activity row's `status`. */
export type IntegrationErrorEmailStatus = "emailing" | "emailed" | "email_failed" | "throttled" | "no_recipient"
