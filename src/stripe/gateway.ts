import type Stripe from "stripe"

/**
 * The plugin's only way to Stripe. Each resource has a narrow interface naming what the plugin does
 * with it; the implementation (src/stripe/stripe-gateway.ts) owns the client, the API version, the
 * `Stripe-Account` scoping, idempotency keys, the 429/5xx retry policy, timeouts and the one error
 * mapper. Every method throws a StripeCollectError (src/stripe/errors.ts) when Stripe says no or
 * cannot be reached. Workflows and the provider take these interfaces, so tests can hand them a fake
 * that `satisfies` StripeGateway.
 *
 * Writes take an idempotency `key` built from our own record ids (src/stripe/idempotency.ts): a retry,
 * by us or by the gateway's policy, is the same request to Stripe and never does the work twice.
 */

/** `acct_...` of a connected account; undefined for the API key's own account. */
export type StripeAccountRef = string | undefined

export interface PaymentIntentsGateway {
  /** Creates and confirms in one call (an admin charge): one request, one idempotency key. */
  createAndConfirm(params: Stripe.PaymentIntentCreateParams, key: string): Promise<Stripe.PaymentIntent>
  /** Creates without confirming (storefront checkout; Stripe.js or authorize confirms later). */
  create(params: Stripe.PaymentIntentCreateParams, key: string): Promise<Stripe.PaymentIntent>
  retrieve(id: string, expand?: string[]): Promise<Stripe.PaymentIntent>
  update(id: string, params: Stripe.PaymentIntentUpdateParams, key: string): Promise<Stripe.PaymentIntent>
  confirm(id: string, params: Stripe.PaymentIntentConfirmParams, key: string): Promise<Stripe.PaymentIntent>
  capture(id: string, params: Stripe.PaymentIntentCaptureParams, key: string): Promise<Stripe.PaymentIntent>
  cancel(id: string, key: string): Promise<Stripe.PaymentIntent>
  /**
   * PaymentIntents whose metadata has `key` = `value`, through Stripe's Search API: how a charge whose
   * answer was lost finds its PaymentIntent by the attempt key we wrote before calling Stripe, at a
   * cost that does not grow with the account's volume. (Live Stripe indexes within about a minute.)
   */
  searchByMetadata(key: string, value: string): Promise<Stripe.PaymentIntent[]>
}

export interface CheckoutSessionsGateway {
  /** Opens a Checkout Session (a payment link's Pay press). */
  open(params: Stripe.Checkout.SessionCreateParams, key: string): Promise<Stripe.Checkout.Session>
  retrieve(id: string, expand?: string[]): Promise<Stripe.Checkout.Session>
  /** Expires an open session; a session already complete or expired is answered as it is, not thrown. */
  expire(id: string, key: string): Promise<Stripe.Checkout.Session>
}

export interface RefundsGateway {
  create(params: Stripe.RefundCreateParams, key: string): Promise<Stripe.Refund>
  /** A refund as Stripe has it now (an event may be old or out of order). */
  retrieve(id: string): Promise<Stripe.Refund>
}

export interface DisputesGateway {
  retrieve(id: string): Promise<Stripe.Dispute>
}

export interface EventsGateway {
  /**
   * One page (newest first, at most `limit`) of the account's events of these types: newer than the event
   * `ending_before`, older than `starting_after`, or created since `created_gte` (unix seconds).
   */
  list(query: { types: string[]; ending_before?: string; starting_after?: string; created_gte?: number; limit: number }): Promise<{
    events: Stripe.Event[]
    has_more: boolean
  }>
}

export interface CustomersGateway {
  create(params: Stripe.CustomerCreateParams, key: string): Promise<Stripe.Customer>
  update(id: string, params: Stripe.CustomerUpdateParams, key: string): Promise<Stripe.Customer>
  /** Deletes the customer; one that is already gone counts as deleted. */
  delete(id: string): Promise<void>
  /** The customer's saved PaymentMethods (cards and others), newest first. */
  listPaymentMethods(
    id: string,
    options?: { type?: Stripe.CustomerListPaymentMethodsParams.Type; limit?: number }
  ): Promise<Stripe.PaymentMethod[]>
}

export interface PaymentMethodsGateway {
  /** Detaches a saved PaymentMethod from its customer; one already detached or gone counts as done. */
  detach(id: string, key: string): Promise<void>
  /** The PaymentMethod, or null when the account has none of that id. */
  retrieve(id: string): Promise<Stripe.PaymentMethod | null>
  /** Changes an attached PaymentMethod (its metadata: the saved card's consent). */
  update(id: string, params: Stripe.PaymentMethodUpdateParams, key: string): Promise<Stripe.PaymentMethod>
}

export interface SetupIntentsGateway {
  create(params: Stripe.SetupIntentCreateParams, key: string): Promise<Stripe.SetupIntent>
}

export interface AccountsGateway {
  /** The account the calls act on (`GET /v1/account`): proves the key or connection works. */
  retrieveCurrent(): Promise<Stripe.Account>
}

/** Connect OAuth: platform calls, never scoped to a connected account. */
export interface OAuthGateway {
  /** Trades an authorization code for the connected account (tokens are returned, never stored by us). */
  token(code: string): Promise<Stripe.OAuthToken>
  /** Revokes the platform's access; answers false when the account had already revoked it. */
  deauthorize(clientId: string, accountId: string): Promise<boolean>
}

export interface WebhookSignatures {
  /**
   * Checks a delivery's signature over its raw body with the endpoint secret, against the time the
   * delivery arrived (not "now" after a queue), and returns Stripe's event. Throws INVALID_DATA otherwise.
   */
  verify(rawBody: string | Buffer, signature: string, receivedAt: Date): Stripe.Event
}

/** The calls that act on one Stripe account. */
export interface StripeAccountGateway {
  readonly account: StripeAccountRef
  readonly paymentIntents: PaymentIntentsGateway
  readonly checkoutSessions: CheckoutSessionsGateway
  readonly refunds: RefundsGateway
  readonly disputes: DisputesGateway
  readonly events: EventsGateway
  readonly customers: CustomersGateway
  readonly paymentMethods: PaymentMethodsGateway
  readonly setupIntents: SetupIntentsGateway
  readonly accounts: AccountsGateway
}

/** The gateway: calls on the key's own account, the same calls on any other, and the platform's. */
export interface StripeGateway extends StripeAccountGateway {
  /** The same calls sent with `Stripe-Account: account` (undefined: the key's own account). */
  onAccount(account: StripeAccountRef): StripeAccountGateway
  readonly oauth: OAuthGateway
  readonly webhooks: WebhookSignatures
  /** Whether the key is a test-mode key (test cards, dashboard links). */
  readonly testMode: boolean
}
