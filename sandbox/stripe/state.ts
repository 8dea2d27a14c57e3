// All sandbox state, in memory: one store per account (the platform and each connected account).
import type Stripe from "stripe"
import { Collection } from "./collection"
import type { SandboxEvent } from "./event-types"
import { newId, nowSeconds } from "./ids"
import type { TestCard } from "./test-cards"

/** How a PaymentMethod behaves and may be used, which Stripe keeps but does not show on the object. */
export interface CardState {
  card: TestCard
  /** Set up for off-session use (SetupIntent or setup_future_usage succeeded), so 3155 no longer asks for 3-D Secure. */
  setUpForOffSession: boolean
  /** Used once without a customer, or detached: Stripe refuses to use it again. */
  spent: boolean
}

/** Confirmation options Stripe remembers for an intent but does not show on it. */
export interface IntentOptions {
  returnUrl: string | null
  offSession: boolean
  errorOnRequiresAction: boolean
  /** payment_method_options.card.moto: a mail/telephone order, out of scope for 3-D Secure. */
  moto: boolean
}

/** payment_intent_data of a Checkout Session, applied to the PaymentIntent created when the customer pays. */
export interface CheckoutIntentData {
  metadata: Record<string, string>
  description: string | null
  captureMethod: "manual" | "automatic_async"
  setupFutureUsage: "on_session" | "off_session" | null
  receiptEmail: string | null
  statementDescriptor: string | null
  statementDescriptorSuffix: string | null
  applicationFeeAmount: number | null
  transferGroup: string | null
}

/** What one idempotency key produced, replayed for repeats with the same parameters. */
export interface IdempotencyRecord {
  method: string
  path: string
  fingerprint: string
  inProgress: boolean
  status: number
  body: unknown
  createdAt: number
}

export interface AccountData {
  accountId: string
  customers: Collection<Stripe.Customer>
  deletedCustomers: Set<string>
  paymentMethods: Collection<Stripe.PaymentMethod>
  cards: Map<string, CardState>
  paymentIntents: Collection<Stripe.PaymentIntent>
  intentOptions: Map<string, IntentOptions>
  charges: Collection<Stripe.Charge>
  /** Part of a charge released by a partial capture (shown in amount_refunded, not refundable). */
  releasedAmounts: Map<string, number>
  refunds: Collection<Stripe.Refund>
  disputes: Collection<Stripe.Dispute>
  setupIntents: Collection<Stripe.SetupIntent>
  checkoutSessions: Collection<Stripe.Checkout.Session>
  checkoutLineItems: Map<string, Stripe.LineItem[]>
  checkoutIntentData: Map<string, CheckoutIntentData>
  events: Collection<SandboxEvent>
  webhookEndpoints: Collection<Stripe.WebhookEndpoint>
  webhookEndpointConnect: Map<string, boolean>
  balanceTransactions: Collection<Stripe.BalanceTransaction>
  idempotency: Map<string, IdempotencyRecord>
}

/** Stripe keeps events 30 days and idempotency keys 24 hours; the sandbox keeps the newest this many per account. */
export const MAX_EVENTS = 50_000
export const MAX_IDEMPOTENCY_KEYS = 50_000

function emptyAccountData(accountId: string): AccountData {
  return {
    accountId,
    customers: new Collection(),
    deletedCustomers: new Set(),
    paymentMethods: new Collection(),
    cards: new Map(),
    paymentIntents: new Collection(),
    intentOptions: new Map(),
    charges: new Collection(),
    releasedAmounts: new Map(),
    refunds: new Collection(),
    disputes: new Collection(),
    setupIntents: new Collection(),
    checkoutSessions: new Collection(),
    checkoutLineItems: new Map(),
    checkoutIntentData: new Map(),
    events: new Collection(MAX_EVENTS),
    webhookEndpoints: new Collection(),
    webhookEndpointConnect: new Map(),
    balanceTransactions: new Collection(),
    idempotency: new Map(),
  }
}

export interface ConnectedAccount {
  account: Stripe.Account
  /** The Connect application (ca_...) that holds access; null when created through the control API. */
  clientId: string | null
  connected: boolean
  accessToken: string
  refreshToken: string
  publishableKey: string
  scope: string
}

export interface AuthorizationCode {
  code: string
  accountId: string
  clientId: string
  scope: string
  createdAt: number
  used: boolean
}

export const PLATFORM_ACCOUNT_ID = "acct_1SandboxPlatform"

export function makeAccount(id: string, name: string, email: string | null, type: Stripe.Account.Type): Stripe.Account {
  return {
    id,
    object: "account",
    business_profile: {
      annual_revenue: null,
      estimated_worker_count: null,
      mcc: "5734",
      minority_owned_business_designation: null,
      monthly_estimated_revenue: { amount: 0, currency: "usd" },
      name,
      specified_commercial_transactions_act_url: null,
      support_address: null,
      support_email: email,
      support_phone: null,
      support_url: null,
      url: null,
    },
    business_type: "company",
    capabilities: { card_payments: "active", transfers: "active" },
    charges_enabled: true,
    country: "US",
    created: nowSeconds(),
    default_currency: "usd",
    details_submitted: true,
    email,
    metadata: {},
    payouts_enabled: true,
    settings: null,
    type,
  }
}

export class SandboxState {
  platform: Stripe.Account = makeAccount(PLATFORM_ACCOUNT_ID, "Stripe Sandbox Platform", "platform@sandbox.test", "standard")
  readonly connected = new Map<string, ConnectedAccount>()
  readonly authorizationCodes = new Map<string, AuthorizationCode>()
  /** Which account an object id lives in, so hosted pages (checkout, 3-D Secure) can find it from the id alone. */
  readonly owners = new Map<string, string>()
  private readonly stores = new Map<string, AccountData>()

  data(accountId: string): AccountData {
    let store = this.stores.get(accountId)
    if (!store) {
      store = emptyAccountData(accountId)
      this.stores.set(accountId, store)
    }
    return store
  }

  allAccountData(): AccountData[] {
    return Array.from(this.stores.values())
  }

  /** The account an OAuth access token (a secret key of a connected account) belongs to. */
  accountForAccessToken(token: string): ConnectedAccount | undefined {
    for (const c of this.connected.values()) if (c.accessToken === token) return c
    return undefined
  }

  connectAccount(name: string, email: string | null, clientId: string | null): ConnectedAccount {
    const id = newId.account()
    const connected: ConnectedAccount = {
      account: makeAccount(id, name, email, "standard"),
      clientId,
      connected: true,
      accessToken: newId.accessToken(),
      refreshToken: newId.refreshToken(),
      publishableKey: newId.publishableKey(),
      scope: "read_write",
    }
    this.connected.set(id, connected)
    return connected
  }

  reset(): void {
    this.platform = makeAccount(PLATFORM_ACCOUNT_ID, "Stripe Sandbox Platform", "platform@sandbox.test", "standard")
    this.connected.clear()
    this.authorizationCodes.clear()
    this.owners.clear()
    this.stores.clear()
  }
}
