import type { MedusaRequest } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { stripeGateway } from "../../stripe/configured-gateway"

/**
 * The backend's public origin for customer links: STRIPE_COLLECT_PUBLIC_URL. Without it, and only in test
 * mode, the origin this request came to: a Host header is the caller's to choose, so with live keys it
 * could send a customer's link (and Checkout's way back) to another site.
 */
export function publicUrlOf(req: MedusaRequest): string {
  const configured = process.env.STRIPE_COLLECT_PUBLIC_URL
  if (configured) return configured.replace(/\/+$/, "")
  if (!stripeGateway(req.scope).testMode) {
    // Boot refuses this (see publicUrlProblem); kept for an app whose environment changed after boot.
    throw new MedusaError(
      MedusaError.Types.INVALID_ARGUMENT,
      "STRIPE_COLLECT_PUBLIC_URL is not set: with a live Stripe key, customer links are built only from it (https://...)"
    )
  }
  return `${req.protocol}://${req.get("host")}`
}
