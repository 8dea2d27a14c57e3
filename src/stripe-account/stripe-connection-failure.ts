import { stripeErrorDetails } from "../stripe/errors"
import type { IntegrationErrorKind } from "../integration-errors/integration-error-kinds"

/** A failed call to Stripe while checking or changing the connection, in the merchant's words. */
export type StripeConnectionFailure = {
  kind: IntegrationErrorKind
  message: string
  stripe_request_id: string | null
}

// The SDK's Connect OAuth error classes (connect.stripe.com answers in OAuth's own error format).
const OAUTH_ERROR_TYPES = new Set([
  "StripeOAuthError",
  "StripeInvalidGrantError",
  "StripeInvalidClientError",
  "StripeOAuthInvalidRequestError",
  "StripeInvalidScopeError",
  "StripeUnsupportedGrantTypeError",
  "StripeUnsupportedResponseTypeError",
])

/**
 * Says why Stripe refused to talk to us, from the gateway's mapped error (or the SDK's own), or null
 * for errors that are not Stripe's (a bug of ours should surface as itself, not as "Stripe failed").
 */
export function describeStripeConnectionFailure(error: unknown): StripeConnectionFailure | null {
  const details = stripeErrorDetails(error)
  if (!details) {
    return null
  }
  const requestId = details.request_id ?? null
  const detail = details.message || details.stripe_type || details.kind
  const type = details.stripe_type ?? ""
  const status = details.status_code
  if (type === "StripeAuthenticationError") {
    return { kind: "stripe_access_rejected", message: `Stripe rejected the API key: ${detail}`, stripe_request_id: requestId }
  }
  if (type === "StripePermissionError") {
    return {
      kind: "stripe_access_rejected",
      message: `Stripe refused access to the account: ${detail}`,
      stripe_request_id: requestId,
    }
  }
  if (OAUTH_ERROR_TYPES.has(type)) {
    return { kind: "stripe_access_rejected", message: `Stripe refused the connection: ${detail}`, stripe_request_id: requestId }
  }
  if (type === "StripeConnectionError") {
    return { kind: "stripe_unreachable", message: `Stripe could not be reached: ${detail}`, stripe_request_id: requestId }
  }
  if (type === "StripeInvalidRequestError" && status !== undefined && status < 500) {
    // A revoked or unknown connected account answers 400/403/404 here.
    return { kind: "stripe_access_rejected", message: `Stripe refused the request: ${detail}`, stripe_request_id: requestId }
  }
  return {
    kind: "stripe_unreachable",
    message: `Stripe answered with an error${status ? ` (HTTP ${status})` : ""}: ${detail}`,
    stripe_request_id: requestId,
  }
}
