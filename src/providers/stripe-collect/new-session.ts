import { MedusaError } from "@medusajs/framework/utils"
import type { InitiatePaymentInput } from "@medusajs/framework/types"
import type Stripe from "stripe"
import { asMinorUnits, normalizeCurrency } from "../../stripe/money"
import { minorUnitsOf } from "./amounts"
import { PLUGIN_MARKER_KEY, PLUGIN_MARKER_VALUE, stripeCollectMetadata } from "./metadata"
import type { StripeCollectOptions } from "./options"
import type { StripeCollectSessionData } from "./session-data"
import { storefrontInput } from "./storefront-input"
import {
  captureMethodFor,
  holderCustomerId,
  isDeferred,
  isMoto,
  isOffSession,
  paymentIntentToAdopt,
  sessionAccount,
  sessionCustomer,
  type StripeCollectContext,
} from "./trusted-context"

/** A session being initiated: its data (every key, server values) and what only initiate needs. */
export type NewSession = {
  data: StripeCollectSessionData
  /** Where Stripe sends its receipt (the `receipts` option and Medusa's customer), for the PaymentIntent. */
  receiptEmail: string | null
  /** The PaymentIntent to record instead of making one (trusted context). */
  adopt: Stripe.PaymentIntent | undefined
}

/**
 * What initiatePayment writes, before Stripe is asked anything. Trusted values come from the workflow
 * `context` and the provider's options; from `data` only Medusa's own `session_id` (Medusa sets it over
 * the caller's) and the four keys a storefront may pass (storefront-input.ts).
 */
export function newSession(input: InitiatePaymentInput, options: StripeCollectOptions): NewSession {
  const context: StripeCollectContext = input.context ?? {}
  const sessionId = input.data?.session_id
  if (typeof sessionId !== "string" || !sessionId) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "Medusa's payment session id (data.session_id) is missing")
  }
  const adopt = paymentIntentToAdopt(context)
  const deferred = isDeferred(context)
  if (adopt && deferred) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      "A session either waits for a payment link (deferred) or records a payment Stripe took (adopt_payment_intent), not both"
    )
  }
  const caller = storefrontInput(input.data)
  const customer = sessionCustomer(context) ?? null
  const currency = normalizeCurrency(input.currency_code)

  const data: StripeCollectSessionData = {
    id: null,
    payment_intent_id: null,
    session_id: sessionId,
    [PLUGIN_MARKER_KEY]: PLUGIN_MARKER_VALUE,
    stripe_account: sessionAccount(context, options) ?? null,
    deferred,
    adopted: adopt !== undefined,
    currency,
    amount: minorUnitsOf(input.amount, currency),
    status: null,
    amount_capturable: asMinorUnits(0),
    amount_received: asMinorUnits(0),
    amount_refunded: asMinorUnits(0),
    refund_ids: [],
    capture_method: captureMethodFor(context, options),
    client_secret: null,
    customer,
    payment_method: caller.payment_method,
    return_url: caller.return_url,
    // Keeping a card needs the customer's own account holder: never a customer named by someone else.
    save_payment_method: caller.save_payment_method && holderCustomerId(context) !== undefined,
    off_session: isOffSession(context),
    moto: isMoto(context, options),
    metadata: stripeCollectMetadata(sessionId, { ...caller.metadata, medusa_customer_id: context.customer?.id }),
    card: null,
    latest_charge: null,
    next_action: null,
    last_payment_error: null,
    livemode: null,
  }
  const receiptEmail = options.receipts ? (context.customer?.email ?? null) : null
  return { data, receiptEmail, adopt }
}
