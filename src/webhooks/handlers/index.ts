import type { StripeObjectHandler } from "../types"
import { handleCheckoutSessionEvent } from "./checkout-session"
import { handleDisputeEvent } from "./dispute"
import { handlePaymentIntentEvent } from "./payment-intent"
import { handleRefundEvent } from "./refund"

/**
 * The handler for each type of Stripe object (`event.data.object.object`). Events about any other
 * object (charges, refunds, disputes, accounts, ...) are ignored with a reason until a handler is
 * added here: one file, one line.
 */
export const HANDLERS_BY_OBJECT: ReadonlyMap<string, StripeObjectHandler> = new Map([
  ["payment_intent", handlePaymentIntentEvent],
  ["checkout.session", handleCheckoutSessionEvent],
  ["refund", handleRefundEvent],
  ["dispute", handleDisputeEvent],
])
