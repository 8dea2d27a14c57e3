// Every Stripe API operation the sandbox implements; anything else is Stripe's 404 "Unrecognized request URL".
import { oauthRoutes } from "../connect/oauth"
import { accountRoutes } from "./resources/accounts"
import { chargeRoutes } from "./resources/charges"
import { checkoutSessionRoutes } from "./resources/checkout-sessions"
import { customerRoutes } from "./resources/customers"
import { disputeRoutes } from "./resources/disputes"
import { eventRoutes } from "./resources/events"
import { paymentIntentRoutes } from "./resources/payment-intents"
import { paymentMethodRoutes } from "./resources/payment-methods"
import { refundRoutes } from "./resources/refunds"
import { setupIntentRoutes } from "./resources/setup-intents"
import { webhookEndpointRoutes } from "./resources/webhook-endpoints"
import type { StripeRoute } from "./route"

export const stripeRoutes: StripeRoute[] = [
  ...accountRoutes,
  ...customerRoutes,
  ...paymentMethodRoutes,
  ...paymentIntentRoutes,
  ...chargeRoutes,
  ...refundRoutes,
  ...disputeRoutes,
  ...setupIntentRoutes,
  ...checkoutSessionRoutes,
  ...eventRoutes,
  ...webhookEndpointRoutes,
  ...oauthRoutes,
]
