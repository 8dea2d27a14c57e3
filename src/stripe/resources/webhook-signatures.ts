import { MedusaError } from "@medusajs/framework/utils"
import type Stripe from "stripe"
import type { WebhookSignatures } from "../gateway"

/** Seconds a signature stays valid after Stripe signed it (Stripe's own default). */
export const WEBHOOK_TOLERANCE_SECONDS = 300

/**
 * Verifies deliveries with the endpoint's signing secret. The age of a signature is measured at the
 * time the delivery arrived, so an event checked again after a queue delay is not refused as stale,
 * and a delivery recorded long ago is not accepted as fresh.
 */
export function webhookSignatures(stripe: Stripe, secret: string): WebhookSignatures {
  return {
    verify: (rawBody, signature, receivedAt) => {
      const receivedAtMs = receivedAt.getTime()
      if (!signature) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, "Stripe webhook rejected: the Stripe-Signature header is missing")
      }
      if (Number.isNaN(receivedAtMs)) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, "Stripe webhook rejected: the delivery time is not a valid date")
      }
      try {
        return stripe.webhooks.constructEvent(rawBody, signature, secret, WEBHOOK_TOLERANCE_SECONDS, undefined, receivedAtMs)
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error)
        throw new MedusaError(MedusaError.Types.INVALID_DATA, `Stripe webhook rejected: signature verification failed (${reason})`)
      }
    },
  }
}
