import { MedusaError } from "@medusajs/framework/utils"
import { storefrontMetadata, type StripeCollectMetadata } from "./metadata"

/**
 * The only keys of a payment session's `data` the provider takes from its caller. A storefront sets
 * `data` through `POST /store/payment-collections/:id/payment-sessions`, so each is checked here and
 * everything else in `data` is ignored (and answered with null, see session-data.ts).
 */
export const STOREFRONT_KEYS = ["payment_method", "return_url", "save_payment_method", "metadata"] as const

export type StorefrontInput = {
  /** A PaymentMethod (`pm_...`) to confirm with when the session is authorized. */
  payment_method: string | null
  /** Where 3-D Secure returns to when confirming server-side. */
  return_url: string | null
  /** The customer asks to keep the card (honoured only with an account holder). */
  save_payment_method: boolean
  /** The caller's references, already prefixed `storefront_` for Stripe. */
  metadata: StripeCollectMetadata
}

const PAYMENT_METHOD_ID = /^pm_[A-Za-z0-9_]+$/
const MAX_RETURN_URL_LENGTH = 2048

/** Reads and checks what a caller may pass; a malformed value is refused with INVALID_DATA naming it. */
export function storefrontInput(data: Record<string, unknown> | undefined): StorefrontInput {
  const raw = data ?? {}
  return {
    payment_method: paymentMethodOf(raw.payment_method),
    return_url: returnUrlOf(raw.return_url),
    save_payment_method: raw.save_payment_method === true,
    metadata: storefrontMetadata(raw.metadata),
  }
}

/** A PaymentMethod id a caller names (also for saving a card), checked; null when absent. */
export function paymentMethodOf(value: unknown): string | null {
  if (value === undefined || value === null || value === "") return null
  if (typeof value !== "string" || value.length > 255 || !PAYMENT_METHOD_ID.test(value)) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "data.payment_method must be a Stripe PaymentMethod id (pm_...)")
  }
  return value
}

function returnUrlOf(value: unknown): string | null {
  if (value === undefined || value === null || value === "") return null
  if (typeof value === "string" && value.length <= MAX_RETURN_URL_LENGTH && /^https?:\/\//i.test(value)) {
    try {
      new URL(value)
      return value
    } catch {
      // Falls through to the refusal below.
    }
  }
  throw new MedusaError(MedusaError.Types.INVALID_DATA, "data.return_url must be an http(s) URL")
}
