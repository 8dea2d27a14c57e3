import { MedusaError } from "@medusajs/framework/utils"
import type Stripe from "stripe"
import { idempotencyKey } from "../../stripe/idempotency"
import { asMinorUnits, fromMinorUnits } from "../../stripe/money"
import { minorUnitsOf, totalMinorUnitsOf } from "./amounts"
import type { CaptureAmounts } from "./capture-amounts"
import type { SessionDataReader } from "./session-data"

/** What capturing a payment takes at Stripe. */
export type CapturePlan =
  /** Stripe captured it already (auto-capture, Stripe's dashboard, a replay) and holds what Medusa records. */
  { kind: "captured_already" } | { kind: "capture"; params: Stripe.PaymentIntentCaptureParams; key: string }

/**
 * An adopted payment needs no call to capture when its data (Stripe's own answer, written at
 * initiate) shows Stripe holding at least everything Medusa records as captured, this capture included.
 */
export function capturedAtStripeAlready(data: SessionDataReader, requested: CaptureAmounts | undefined): boolean {
  if (!data.adopted || data.string("status") !== "succeeded" || !requested) return false
  const currency = data.string("currency")
  const received = data.minor("amount_received")
  if (!currency || received === undefined) return false
  return totalMinorUnitsOf(requested.paymentTotal, currency) <= received
}

/**
 * What to capture of a PaymentIntent as Stripe just described it: Medusa's capture amount (all that
 * is authorized when Medusa does not say), final unless multicapture lets more follow. Medusa never
 * records money Stripe did not take: a capture beyond what Stripe holds or still authorizes is refused.
 * `captureId` is Medusa's capture id, the idempotency key of the capture.
 */
export function planCapture(
  intent: Stripe.PaymentIntent,
  requested: CaptureAmounts | undefined,
  captureId: string | undefined
): CapturePlan {
  const currency = intent.currency
  const code = currency.toUpperCase()
  const received = asMinorUnits(intent.amount_received)
  const capturable = asMinorUnits(intent.amount_capturable)
  if (intent.status === "succeeded") {
    const recorded = requested ? totalMinorUnitsOf(requested.paymentTotal, currency) : received
    if (recorded > received) {
      const asked = requested ? minorUnitsOf(requested.amount, currency) : asMinorUnits(0)
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Stripe has captured ${fromMinorUnits(received, currency)} ${code} of ` +
          `PaymentIntent ${intent.id} and released the rest of the authorization; another ` +
          `${fromMinorUnits(asked, currency)} ${code} cannot be captured`
      )
    }
    return { kind: "captured_already" }
  }
  if (intent.status !== "requires_capture") {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `PaymentIntent ${intent.id} is ${intent.status}; only an authorized payment can be captured`
    )
  }

  const amount = requested ? minorUnitsOf(requested.amount, currency) : capturable
  if (amount > capturable) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Cannot capture ${fromMinorUnits(amount, currency)} ${code}: only ` +
        `${fromMinorUnits(capturable, currency)} is still authorized at Stripe`
    )
  }
  const isFinal = amount >= capturable || !multicaptureAvailable(intent)
  return {
    kind: "capture",
    params: { amount_to_capture: amount, expand: ["payment_method"], ...(isFinal ? {} : { final_capture: false }) },
    key: captureId ? idempotencyKey("capture", captureId) : idempotencyKey("capture", intent.id, intent.amount_received, amount),
  }
}

/** Whether Stripe lets this authorization be captured in several parts (needs `latest_charge` expanded). */
export function multicaptureAvailable(intent: Stripe.PaymentIntent): boolean {
  const charge = intent.latest_charge
  if (!charge || typeof charge === "string") return false
  return charge.payment_method_details?.card?.multicapture?.status === "available"
}
