/**
 * The failures a merchant must act on. Each kind is emailed at most once per throttle window,
 * so a burst of the same failure makes one email, while a different failure still gets through.
 */
export const INTEGRATION_ERROR_KINDS = [
  "stripe_access_rejected",
  "webhook_signature_failing",
  "payment_not_recorded",
  "email_not_sent",
  "charge_failed",
  "payment_link_failed",
  "stripe_unreachable",
  "dispute_opened",
  "money_returned",
  "canceled_order_paid",
] as const

export type IntegrationErrorKind = (typeof INTEGRATION_ERROR_KINDS)[number]

/** At most one email per kind of error in this window. */
export const INTEGRATION_ERROR_EMAIL_WINDOW_MS = 15 * 60 * 1000

/** What the merchant should do, when the caller has nothing more specific to say. */
export const DEFAULT_ACTIONS: Record<IntegrationErrorKind, string> = {
  stripe_access_rejected:
    "Stripe refused the plugin's credentials. Check the Stripe API key in the server configuration, or reconnect Stripe in Settings → Stripe.",
  webhook_signature_failing:
    "Stripe's webhook events are being rejected. Check that the webhook signing secret in the server configuration matches the endpoint in the Stripe Dashboard.",
  payment_not_recorded:
    "Stripe took the payment but Medusa did not record it. It is retried automatically; check the order and the payment in the Stripe Dashboard, and do not charge the customer again.",
  email_not_sent: "An email to a customer was not sent. Check the email provider's settings, then send it again from the order page.",
  charge_failed: "A charge failed for a reason other than the customer's card. Check the order and the Stripe Dashboard, then try again.",
  payment_link_failed: "A payment link could not be created or paid. Check the order and the Stripe Dashboard, then send a new link.",
  stripe_unreachable: "Stripe could not be reached. If this keeps happening, check the server's network and Stripe's status page.",
  dispute_opened:
    "A customer disputed a payment with their bank. Submit evidence in the Stripe Dashboard before the due date; the order page shows the dispute.",
  money_returned:
    "Money Medusa recorded as refunded came back to your Stripe balance, and is recorded as paid on the order again. Check with the customer, then refund again if they are owed it.",
  canceled_order_paid:
    "Money arrived for an order that was already canceled. The plugin refunds it to the customer automatically; check the order's Stripe activity to see the refund.",
}

/** A headline for the email and the settings page. */
export const KIND_TITLES: Record<IntegrationErrorKind, string> = {
  stripe_access_rejected: "Stripe refused the connection",
  webhook_signature_failing: "Stripe webhooks fail their signature check",
  payment_not_recorded: "A Stripe payment was not recorded in Medusa",
  email_not_sent: "An email could not be sent",
  charge_failed: "A charge failed",
  payment_link_failed: "A payment link failed",
  stripe_unreachable: "Stripe could not be reached",
  dispute_opened: "A payment was disputed",
  money_returned: "A refund or dispute gave money back",
  canceled_order_paid: "Money arrived for a canceled order",
}
