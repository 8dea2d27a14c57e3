// The shape of one Stripe API operation the sandbox implements.
import type { Params } from "./params"
import type { Scope } from "./scope"

export interface ApiCall {
  scope: Scope
  params: Params
  /** Path parameters by their spec names, e.g. { intent: "pi_123" }. */
  path: Record<string, string>
  method: string
  /** The request path without query, e.g. /v1/payment_intents. */
  url: string
  /** The key the caller authenticated with (OAuth uses it as the client secret). */
  apiKey: string
}

/** A response that is not a Stripe object (OAuth answers, deleted markers), sent as is. */
export class RawResponse {
  constructor(
    readonly status: number,
    readonly body: object
  ) {}
}

export interface StripeRoute {
  method: "GET" | "POST" | "DELETE"
  /** OpenAPI-style template; also the key of its parameter schema in stripe.oas.json. */
  template: string
  /** Publishable keys (pk_test_) may call it, as Stripe.js does for PaymentMethods. */
  publishable?: boolean
  handler: (call: ApiCall) => object
}
