import { MedusaError, PaymentSessionStatus } from "@medusajs/framework/utils"
import type { AuthorizePaymentOutput, InitiatePaymentOutput } from "@medusajs/framework/types"
import type Stripe from "stripe"
import { asMinorUnits, fromMinorUnits } from "../../stripe/money"
import type { NewSession } from "./new-session"
import { dataForPaymentIntent, refundedOf, SessionDataReader } from "./session-data"
import { sessionStatusForAdoptedPayment } from "./status"

/**
 * Adopted payments: a PaymentIntent Stripe had already taken (an admin charge whose answer the plugin
 * recovered), recorded through Medusa's own session → authorize → capture without calling Stripe.
 * Money Stripe took is never given back automatically: canceling or deleting such a session leaves
 * the payment at Stripe for the plugin's recovery to find (service.ts).
 */

/** The session data of an adopted PaymentIntent: Stripe's answer (never its client secret) over ours. */
export function adoptedSession(session: NewSession, intent: Stripe.PaymentIntent): InitiatePaymentOutput {
  const { data } = session
  if (intent.currency !== data.currency) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `PaymentIntent ${intent.id} is in ${intent.currency.toUpperCase()}, the payment session in ${data.currency.toUpperCase()}`
    )
  }
  const received = asMinorUnits(intent.amount_received)
  if (received < data.amount) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Stripe took ${fromMinorUnits(received, intent.currency)} ${intent.currency.toUpperCase()} with ` +
        `PaymentIntent ${intent.id}, less than the ${fromMinorUnits(data.amount, data.currency)} ${data.currency.toUpperCase()} to record`
    )
  }
  const withIntent = dataForPaymentIntent(intent, new SessionDataReader({ ...data }))
  return {
    id: intent.id,
    status: PaymentSessionStatus.PENDING,
    data: { ...withIntent, amount_refunded: refundedOf(intent), metadata: intent.metadata },
  }
}

/** Authorizing (or reading) an adopted session answers from the data Stripe's answer wrote: no call. */
export function adoptedStatus(data: SessionDataReader): AuthorizePaymentOutput {
  return { status: sessionStatusForAdoptedPayment(data.string("status")), data: data.raw }
}

/** Whether canceling must leave this payment alone: Stripe took the money, and only a person gives it back. */
export function keepsStripesMoney(data: SessionDataReader): boolean {
  return data.adopted && data.string("status") === "succeeded"
}
