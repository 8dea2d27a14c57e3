// The plugin's only way to Stripe: the gateway's interface, its implementation, and the shared pieces.
export type {
  AccountsGateway,
  CheckoutSessionsGateway,
  CustomersGateway,
  OAuthGateway,
  PaymentIntentsGateway,
  PaymentMethodsGateway,
  RefundsGateway,
  SetupIntentsGateway,
  StripeAccountGateway,
  StripeAccountRef,
  StripeGateway,
  WebhookSignatures,
} from "./gateway"
export { createStripeGateway, type StripeGatewaySettings } from "./stripe-gateway"
export { STRIPE_GATEWAY_REGISTRATION, stripeGateway, stripeSettings, type StripeSettings } from "./configured-gateway"
export {
  httpStatusForStripeError,
  isCardDecline,
  isUndecidedOutcome,
  StripeCollectError,
  stripeErrorDetails,
  toMedusaError,
  UNDECIDED_OUTCOME_CODE,
  type StripeErrorDetails,
  type StripeFailureKind,
} from "./errors"
export { digest, idempotencyKey } from "./idempotency"
export { DEFAULT_RETRY_POLICY, withStripeRetry, type Repeatability, type StripeRetryPolicy } from "./retry"
export { WEBHOOK_TOLERANCE_SECONDS } from "./resources/webhook-signatures"
export * from "./money"
