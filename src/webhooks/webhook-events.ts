/** The events that move money out of a payment (or say it may): reconciliation reads these when a webhook was missed. */
export const MONEY_OUT_EVENT_TYPES = [
  "refund.created",
  "refund.updated",
  "refund.failed",
  "charge.dispute.created",
  "charge.dispute.updated",
  "charge.dispute.closed",
  "charge.dispute.funds_withdrawn",
  "charge.dispute.funds_reinstated",
] as const

/**
 * The events to select for the plugin's endpoint in Stripe (Developers → Webhooks), as Settings → Stripe
 * lists them. A handler for a new kind of event adds its events here.
 */
export const WEBHOOK_EVENTS = [
  "payment_intent.succeeded",
  "payment_intent.payment_failed",
  "payment_intent.canceled",
  "payment_intent.amount_capturable_updated",
  "checkout.session.completed",
  // Bank payments (SEPA, ACH) on links: the bank's answer days after Checkout completed.
  "checkout.session.async_payment_succeeded",
  "checkout.session.async_payment_failed",
  "checkout.session.expired",
  ...MONEY_OUT_EVENT_TYPES,
] as const

/** Only with Stripe Connect (OAuth): Stripe says when a merchant revokes the plugin's access. */
export const CONNECT_WEBHOOK_EVENTS = ["account.application.deauthorized"] as const
