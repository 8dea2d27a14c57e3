import Stripe from "stripe"
import type { IntegrationErrorKind } from "../report-integration-error/integration-error-kinds"

/** A failed call to Stripe while checking or changing the connection, in the merchant's words. */
export type StripeConnectionFailure = {
  kind: IntegrationErrorKind
  message: string
  stripe_request_id: string | null
}

/**
 * Says why Stripe refused to talk to us, or null for errors that are not Stripe's
 * (a bug of ours should surface as itself, not as "Stripe failed").
 */
export function describeStripeConnectionFailure(error: unknown): StripeConnectionFailure | null {
  if (!(error instanceof Stripe.errors.StripeError)) {
    return null
  }
  const requestId = error.requestId ?? null
  const detail = error.message || error.type
  if (error instanceof Stripe.errors.StripeAuthenticationError) {
    return { kind: "stripe_access_rejected", message: `Stripe rejected the API key: ${detail}`, stripe_request_id: requestId }
  }
  if (error instanceof Stripe.errors.StripePermissionError) {
    return {
      kind: "stripe_access_rejected",
      message: `Stripe refused access to the account: ${detail}`,
      stripe_request_id: requestId,
    }
  }
  if (error instanceof Stripe.errors.StripeOAuthError) {
    return { kind: "stripe_access_rejected", message: `Stripe refused the connection: ${detail}`, stripe_request_id: requestId }
  }
  if (error instanceof Stripe.errors.StripeConnectionError) {
    return { kind: "stripe_unreachable", message: `Stripe could not be reached: ${detail}`, stripe_request_id: requestId }
  }
  if (error instanceof Stripe.errors.StripeInvalidRequestError && error.statusCode !== undefined && error.statusCode < 500) {
    // A revoked or unknown connected account answers 400/403/404 here.
    return { kind: "stripe_access_rejected", message: `Stripe refused the request: ${detail}`, stripe_request_id: requestId }
  }
  return {
    kind: "stripe_unreachable",
    message: `Stripe answered with an error${error.statusCode ? ` (HTTP ${error.statusCode})` : ""}: ${detail}`,
    stripe_request_id: requestId,
  }
}
