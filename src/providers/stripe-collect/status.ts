import { PaymentSessionStatus } from "@medusajs/framework/utils"
import type { PaymentSessionStatus as SessionStatus } from "@medusajs/framework/types"
import type Stripe from "stripe"

/** The PaymentIntent statuses Stripe documents (the SDK's type also admits any other string). */
export type KnownPaymentIntentStatus =
  "requires_payment_method" | "requires_confirmation" | "requires_action" | "processing" | "requires_capture" | "succeeded" | "canceled"

// Exhaustive by type: adding a status to the union without mapping it fails to compile.
const SESSION_STATUS_BY_INTENT_STATUS: Record<KnownPaymentIntentStatus, SessionStatus> = {
  requires_payment_method: PaymentSessionStatus.PENDING,
  requires_confirmation: PaymentSessionStatus.PENDING,
  requires_action: PaymentSessionStatus.REQUIRES_MORE,
  // A card payment being processed is neither won nor lost yet.
  processing: PaymentSessionStatus.PENDING,
  requires_capture: PaymentSessionStatus.AUTHORIZED,
  succeeded: PaymentSessionStatus.CAPTURED,
  canceled: PaymentSessionStatus.CANCELED,
}

export type PaymentIntentStatusSource = Pick<Stripe.PaymentIntent, "status"> & {
  last_payment_error?: Stripe.PaymentIntent["last_payment_error"] | null
}

/**
 * Medusa's payment session status for a PaymentIntent. A PaymentIntent back in
 * requires_payment_method after an attempt failed is an error (the card was refused); an unknown
 * future status stays pending, because reporting it as failed could let someone charge again.
 */
export function sessionStatusForPaymentIntent(intent: PaymentIntentStatusSource): SessionStatus {
  if (intent.status === "requires_payment_method" && intent.last_payment_error) {
    return PaymentSessionStatus.ERROR
  }
  return isKnownStatus(intent.status) ? SESSION_STATUS_BY_INTENT_STATUS[intent.status] : PaymentSessionStatus.PENDING
}

/**
 * An adopted payment (one Stripe had already taken) is reported authorized, not captured: Medusa's
 * capture workflow then records the capture and writes the order transaction, and capturing changes
 * nothing at Stripe (capture-plan.ts).
 */
export function sessionStatusForAdoptedPayment(intentStatus: string | undefined): SessionStatus {
  if (intentStatus === "succeeded") return PaymentSessionStatus.AUTHORIZED
  return intentStatus ? sessionStatusForPaymentIntent({ status: intentStatus }) : PaymentSessionStatus.ERROR
}

function isKnownStatus(status: string): status is KnownPaymentIntentStatus {
  return Object.prototype.hasOwnProperty.call(SESSION_STATUS_BY_INTENT_STATUS, status)
}
