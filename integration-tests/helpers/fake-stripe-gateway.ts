// An in-memory StripeGateway for workflow tests: behaves like Stripe (through the real gateway) for what the plugin uses.
import Stripe from "stripe"
import { isCardDecline } from "../../src/stripe/errors"
import type {
  AccountsGateway,
  CheckoutSessionsGateway,
  CustomersGateway,
  DisputesGateway,
  EventsGateway,
  OAuthGateway,
  PaymentIntentsGateway,
  PaymentMethodsGateway,
  RefundsGateway,
  SetupIntentsGateway,
  StripeAccountGateway,
  StripeAccountRef,
  StripeGateway,
  WebhookSignatures,
} from "../../src/stripe/gateway"
import { digest } from "../../src/stripe/idempotency"
import { webhookSignatures } from "../../src/stripe/resources/webhook-signatures"
import {
  idempotencyConflict,
  noAnswer,
  notFound,
  oauthRefusal,
  rateLimited,
  serverError,
  stripeRefusal,
  unexpectedState,
} from "./fake-stripe/errors"
import {
  accountObject,
  checkoutSessionObject,
  customerObject,
  fakeId,
  mergedMetadata,
  oauthTokenObject,
  paymentIntentObject,
  paymentMethodObject,
  refundObject,
  setupIntentObject,
} from "./fake-stripe/objects"
import { FAKE_TEST_CARDS, type FakeCard } from "./fake-stripe/test-cards"

export { FAKE_TEST_CARDS } from "./fake-stripe/test-cards"

/** Every gateway method, named as the call log names it. */
export type FakeStripeMethod =
  | "paymentIntents.createAndConfirm"
  | "paymentIntents.create"
  | "paymentIntents.retrieve"
  | "paymentIntents.update"
  | "paymentIntents.confirm"
  | "paymentIntents.capture"
  | "paymentIntents.cancel"
  | "paymentIntents.searchByMetadata"
  | "checkoutSessions.open"
  | "checkoutSessions.retrieve"
  | "checkoutSessions.expire"
  | "refunds.create"
  | "refunds.retrieve"
  | "disputes.retrieve"
  | "events.list"
  | "customers.create"
  | "customers.update"
  | "customers.delete"
  | "customers.listPaymentMethods"
  | "paymentMethods.detach"
  | "paymentMethods.retrieve"
  | "paymentMethods.update"
  | "setupIntents.create"
  | "accounts.retrieveCurrent"
  | "oauth.token"
  | "oauth.deauthorize"

/**
 * What the gateway answers when Stripe misbehaves, after its own retries:
 * - "timeout_after_processing": Stripe did the work, the answer never came (undecided; a retry with the same key replays it)
 * - "timeout" / "server_error": nothing was done, and nobody knows that (undecided)
 * - "rate_limited": nothing was done (rate_limited)
 */
export type FakeFaultKind = "timeout_after_processing" | "timeout" | "server_error" | "rate_limited"

export type FakeFault = {
  kind: FakeFaultKind
  /** Only calls on this account (undefined: any account; null: the key's own). */
  account?: string | null
  /** How many matching calls it applies to; default 1. */
  times?: number
}

export type FakeStripeCall = {
  method: FakeStripeMethod
  /** The `Stripe-Account` the call was made for; null for the key's own account. */
  account: string | null
  idempotencyKey: string | null
  /** The call's arguments after the id (a copy, as sent). */
  args: unknown[]
  /** true when Stripe replayed an earlier answer for the same idempotency key. */
  replayed: boolean
  /** The fault that shaped its answer, if any. */
  fault: FakeFaultKind | null
  /** "ok", or the failure kind the caller saw. */
  outcome: "ok" | "error"
}

type AccountStore = {
  paymentIntents: Map<string, Stripe.PaymentIntent>
  checkoutSessions: Map<string, Stripe.Checkout.Session>
  checkoutIntentData: Map<string, Stripe.Checkout.SessionCreateParams.PaymentIntentData>
  refunds: Map<string, Stripe.Refund>
  refundedByIntent: Map<string, number>
  customers: Map<string, Stripe.Customer>
  paymentMethods: Map<string, Stripe.PaymentMethod>
  /** The test card behind each PaymentMethod, for charging it again later. */
  cards: Map<string, FakeCard>
  setupIntents: Map<string, Stripe.SetupIntent>
}

type SavedAnswer = { method: FakeStripeMethod; digest: string } & ({ value: unknown } | { error: unknown })

export const FAKE_WEBHOOK_SECRET = "whsec_fake_stripe_gateway"
export const FAKE_PLATFORM_ACCOUNT = "acct_fake_platform"

const emptyStore = (): AccountStore => ({
  paymentIntents: new Map(),
  checkoutSessions: new Map(),
  checkoutIntentData: new Map(),
  refunds: new Map(),
  refundedByIntent: new Map(),
  customers: new Map(),
  paymentMethods: new Map(),
  cards: new Map(),
  setupIntents: new Map(),
})

// Stripe's objects are JSON: a copy in and out, so neither side can change the other's.
const copy = <T>(value: T): T => (value === undefined ? value : structuredClone(value))

/**
 * The fake Stripe: register it with `container.register(STRIPE_GATEWAY_REGISTRATION, asValue(fake))` and every
 * workflow, route and subscriber that asks `stripeGateway(container)` gets it. Objects live per account
 * (`onAccount`), writes replay for the same idempotency key and conflict for other parameters, test cards
 * behave like Stripe's, and `failNext` injects the failures the real gateway reports.
 */
export class FakeStripeGateway implements StripeGateway {
  readonly account: StripeAccountRef = undefined
  readonly testMode = true
  readonly webhookSecret: string
  readonly paymentIntents: PaymentIntentsGateway
  readonly checkoutSessions: CheckoutSessionsGateway
  readonly refunds: RefundsGateway
  readonly disputes: DisputesGateway
  readonly events: EventsGateway
  readonly customers: CustomersGateway
  readonly paymentMethods: PaymentMethodsGateway
  readonly setupIntents: SetupIntentsGateway
  readonly accounts: AccountsGateway
  readonly oauth: OAuthGateway
  readonly webhooks: WebhookSignatures

  private stores = new Map<string, AccountStore>()
  private saved = new Map<string, SavedAnswer>()
  private log: FakeStripeCall[] = []
  private faults: Array<{ method: FakeStripeMethod } & Required<Pick<FakeFault, "kind" | "times">> & Pick<FakeFault, "account">> = []
  private codes = new Map<string, { account: string; used: boolean }>()
  private revoked = new Set<string>()
  private connected = new Set<string>()
  private views = new Map<string, StripeAccountGateway>()

  constructor(options: { webhookSecret?: string } = {}) {
    this.webhookSecret = options.webhookSecret ?? FAKE_WEBHOOK_SECRET
    const own = this.accountView(undefined)
    this.paymentIntents = own.paymentIntents
    this.checkoutSessions = own.checkoutSessions
    this.refunds = own.refunds
    this.disputes = own.disputes
    this.events = own.events
    this.customers = own.customers
    this.paymentMethods = own.paymentMethods
    this.setupIntents = own.setupIntents
    this.accounts = own.accounts
    this.oauth = this.oauthGateway()
    // Verification is local work: the real gateway's own, with this fake's secret.
    this.webhooks = webhookSignatures(new Stripe("sk_test_fake_stripe_gateway"), this.webhookSecret)
  }

  onAccount(account: StripeAccountRef): StripeAccountGateway {
    if (!account) return this
    let view = this.views.get(account)
    if (!view) {
      view = this.accountView(account)
      this.views.set(account, view)
    }
    return view
  }

  // ------------------------------------------------------------ for tests

  /** The calls made so far (of one method, when named), oldest first. */
  calls(method?: FakeStripeMethod): FakeStripeCall[] {
    return this.log.filter((call) => !method || call.method === method).map(copy)
  }

  /** How many calls of that method were made (replays included). */
  count(method: FakeStripeMethod): number {
    return this.log.filter((call) => call.method === method).length
  }

  clearCalls(): void {
    this.log = []
  }

  /** The next call(s) of `method` fail as the real gateway reports that failure after its retries. */
  failNext(method: FakeStripeMethod, fault: FakeFaultKind | FakeFault): void {
    const rule = typeof fault === "string" ? { kind: fault } : fault
    this.faults.push({ method, kind: rule.kind, times: rule.times ?? 1, account: rule.account })
  }

  clearFaults(): void {
    this.faults = []
  }

  /** What Stripe holds, read without a call (nothing is logged). */
  storedPaymentIntent(id: string, account?: StripeAccountRef): Stripe.PaymentIntent | undefined {
    return copy(this.store(account).paymentIntents.get(id))
  }

  storedPaymentIntents(account?: StripeAccountRef): Stripe.PaymentIntent[] {
    return [...this.store(account).paymentIntents.values()].reverse().map(copy)
  }

  storedCheckoutSession(id: string, account?: StripeAccountRef): Stripe.Checkout.Session | undefined {
    return copy(this.store(account).checkoutSessions.get(id))
  }

  /**
   * The customer pays an open Checkout Session on Stripe's page (no gateway call). A declining card
   * throws Stripe's decline and leaves the session open, as the hosted page does.
   */
  payCheckoutSession(id: string, options: { account?: StripeAccountRef; paymentMethod?: string } = {}): Stripe.Checkout.Session {
    const store = this.store(options.account)
    const session = store.checkoutSessions.get(id)
    if (!session) throw new Error(`No Checkout Session ${id} on ${options.account ?? "the platform"}`)
    if (session.status !== "open") throw new Error(`Checkout Session ${id} is ${session.status}, not open`)
    const data = store.checkoutIntentData.get(id) ?? {}
    const intent = paymentIntentObject({
      amount: session.amount_total ?? 0,
      currency: session.currency ?? "usd",
      customer: typeof session.customer === "string" ? session.customer : undefined,
      metadata: data.metadata,
      description: data.description,
      capture_method: data.capture_method,
      receipt_email: data.receipt_email,
      setup_future_usage: data.setup_future_usage,
    })
    store.paymentIntents.set(intent.id, intent)
    this.charge(store, intent, options.paymentMethod ?? "pm_card_visa", false, "pay on Stripe Checkout")
    session.status = "complete"
    session.payment_status = intent.status === "succeeded" ? "paid" : "unpaid"
    session.payment_intent = intent.id
    return copy(session)
  }

  /** A Connect authorization code Stripe would hand back for the account (a new one when omitted). */
  authorizationCode(account: string = fakeId("acct")): { code: string; account: string } {
    const code = fakeId("ac")
    this.codes.set(code, { account, used: false })
    return { code, account }
  }

  /** The account is connected to the platform (as after OAuth), so deauthorizing it answers true. */
  connectAccount(account: string): void {
    this.connected.add(account)
    this.revoked.delete(account)
  }

  /** The account revoked the platform in Stripe: its calls are refused from now on. */
  revokeAccount(account: string): void {
    this.connected.delete(account)
    this.revoked.add(account)
  }

  /** A delivery as Stripe sends it: the raw body and its Stripe-Signature, signed at `signedAt`. */
  signedDelivery(event: object, signedAt: Date = new Date()): { rawBody: string; signature: string } {
    const rawBody = JSON.stringify(event)
    const signature = Stripe.webhooks.generateTestHeaderString({
      payload: rawBody,
      secret: this.webhookSecret,
      timestamp: Math.floor(signedAt.getTime() / 1000),
    })
    return { rawBody, signature }
  }

  reset(): void {
    this.stores.clear()
    this.saved.clear()
    this.log = []
    this.faults = []
    this.codes.clear()
    this.revoked.clear()
    this.connected.clear()
  }

  // ------------------------------------------------------------ Stripe's behaviour

  private store(account: StripeAccountRef): AccountStore {
    const name = account ?? FAKE_PLATFORM_ACCOUNT
    let store = this.stores.get(name)
    if (!store) {
      store = emptyStore()
      this.stores.set(name, store)
    }
    return store
  }

  /**
   * One gateway call: logged, faults applied, the work done once per idempotency key (a repeat with the
   * same parameters replays the answer, declines included; other parameters conflict), answers copied.
   */
  private async call<T>(
    account: StripeAccountRef,
    method: FakeStripeMethod,
    doing: string,
    request: { key?: string; args: unknown[] },
    work: (store: AccountStore) => T | Promise<T>
  ): Promise<T> {
    const entry: FakeStripeCall = {
      method,
      account: account ?? null,
      idempotencyKey: request.key ?? null,
      args: copy(request.args),
      replayed: false,
      fault: null,
      outcome: "ok",
    }
    this.log.push(entry)
    try {
      if (account && this.revoked.has(account)) {
        throw stripeRefusal(doing, {
          statusCode: 403,
          type: "invalid_request_error",
          code: "account_invalid",
          message: `The provided key does not have access to account '${account}' (or that account does not exist). Application access may have been revoked.`,
        })
      }
      const fault = this.takeFault(method, account)
      entry.fault = fault ?? null
      if (fault === "rate_limited") throw rateLimited(doing)
      if (fault === "server_error") throw serverError(doing)
      if (fault === "timeout") throw noAnswer(doing)
      const answer = request.key
        ? await this.once(account, request.key, method, request.args, doing, entry, () => work(this.store(account)))
        : await work(this.store(account))
      if (fault === "timeout_after_processing") throw noAnswer(doing)
      return copy(answer)
    } catch (error) {
      entry.outcome = "error"
      throw error
    }
  }

  private async once<T>(
    account: StripeAccountRef,
    key: string,
    method: FakeStripeMethod,
    args: unknown[],
    doing: string,
    entry: FakeStripeCall,
    work: () => T | Promise<T>
  ): Promise<T> {
    const slot = `${account ?? FAKE_PLATFORM_ACCOUNT}|${key}`
    const fingerprint = digest({ method, args })
    const earlier = this.saved.get(slot)
    if (earlier) {
      if (earlier.method !== method || earlier.digest !== fingerprint) throw idempotencyConflict(doing, key)
      entry.replayed = true
      if ("error" in earlier) throw earlier.error
      // The saved copy is the answer as first given; the same type this method returned then.
      return copy(earlier.value) as T
    }
    try {
      const value = await work()
      this.saved.set(slot, { method, digest: fingerprint, value: copy(value) })
      return value
    } catch (error) {
      // Stripe keeps the answer once the work began (a decline); refusals before it are not kept.
      if (isCardDecline(error)) this.saved.set(slot, { method, digest: fingerprint, error })
      throw error
    }
  }

  private takeFault(method: FakeStripeMethod, account: StripeAccountRef): FakeFaultKind | undefined {
    const index = this.faults.findIndex((f) => f.method === method && (f.account === undefined || f.account === (account ?? null)))
    if (index < 0) return undefined
    const fault = this.faults[index]
    fault.times -= 1
    if (fault.times <= 0) this.faults.splice(index, 1)
    return fault.kind
  }

  /** The PaymentMethod an id names in this account: a saved one, or a new one for a test card id. */
  private paymentMethod(
    store: AccountStore,
    id: string,
    customer: string | null,
    doing: string
  ): { pm: Stripe.PaymentMethod; card: FakeCard } {
    const saved = store.paymentMethods.get(id)
    const savedCard = store.cards.get(id)
    if (saved && savedCard) {
      const owner = typeof saved.customer === "string" ? saved.customer : null
      if (owner && owner !== customer) {
        throw stripeRefusal(doing, {
          statusCode: 400,
          type: "invalid_request_error",
          param: "payment_method",
          message: `The provided PaymentMethod belongs to a different Customer. Please provide the ID of the Customer (${owner}) this PaymentMethod is attached to.`,
        })
      }
      return { pm: saved, card: savedCard }
    }
    const card = FAKE_TEST_CARDS[id]
    if (!card) {
      throw stripeRefusal(doing, {
        statusCode: 400,
        type: "invalid_request_error",
        code: "resource_missing",
        param: "payment_method",
        message: `No such PaymentMethod: '${id}'`,
      })
    }
    const pm = paymentMethodObject(card, null)
    store.paymentMethods.set(pm.id, pm)
    store.cards.set(pm.id, card)
    return { pm, card }
  }

  /** Confirms `intent` with a card: paid, authorized, 3-D Secure, or Stripe's decline (thrown, kept on the intent). */
  private charge(store: AccountStore, intent: Stripe.PaymentIntent, paymentMethodId: string, noChallenge: boolean, doing: string): void {
    const customer = typeof intent.customer === "string" ? intent.customer : null
    const { pm, card } = this.paymentMethod(store, paymentMethodId, customer, doing)
    if (customer && intent.setup_future_usage && !pm.customer) pm.customer = customer
    intent.payment_method = pm.id
    const chargeId = fakeId("ch")
    const outcome = card.outcome
    if (outcome.kind === "succeeds") {
      intent.latest_charge = chargeId
      if (intent.capture_method === "manual") {
        intent.status = "requires_capture"
        intent.amount_capturable = intent.amount
      } else {
        intent.status = "succeeded"
        intent.amount_received = intent.amount
      }
      return
    }
    if (outcome.kind === "authentication_required" && !noChallenge) {
      intent.status = "requires_action"
      intent.next_action = { type: "use_stripe_sdk", use_stripe_sdk: {} }
      return
    }
    const decline =
      outcome.kind === "declined"
        ? outcome
        : {
            code: "authentication_required",
            decline_code: "authentication_required",
            message: "Your card was declined. This transaction requires authentication.",
          }
    intent.status = "requires_payment_method"
    intent.latest_charge = chargeId
    intent.last_payment_error = {
      type: "card_error",
      code: decline.code,
      decline_code: decline.decline_code,
      message: decline.message,
      charge: chargeId,
    }
    throw stripeRefusal(doing, {
      statusCode: 402,
      type: "card_error",
      code: decline.code,
      decline_code: decline.decline_code,
      message: decline.message,
      charge: chargeId,
      payment_intent: copy(intent),
    })
  }

  private intent(store: AccountStore, id: string, doing: string): Stripe.PaymentIntent {
    const intent = store.paymentIntents.get(id)
    if (!intent) throw notFound(doing, "payment_intent", id)
    return intent
  }

  /** The PaymentIntent as Stripe answers it: `payment_method` expanded to the object when the call asked for it. */
  private expanded(store: AccountStore, intent: Stripe.PaymentIntent, expand: string[] | undefined): Stripe.PaymentIntent {
    const id = typeof intent.payment_method === "string" ? intent.payment_method : null
    if (!id || !expand?.includes("payment_method")) return intent
    return { ...intent, payment_method: store.paymentMethods.get(id) ?? id }
  }

  private accountView(account: StripeAccountRef): StripeAccountGateway {
    return {
      account,
      paymentIntents: this.paymentIntentsGateway(account),
      checkoutSessions: this.checkoutSessionsGateway(account),
      refunds: this.refundsGateway(account),
      disputes: this.disputesGateway(account),
      events: this.eventsGateway(account),
      customers: this.customersGateway(account),
      paymentMethods: this.paymentMethodsGateway(account),
      setupIntents: this.setupIntentsGateway(account),
      accounts: this.accountsGateway(account),
    }
  }

  private paymentIntentsGateway(account: StripeAccountRef): PaymentIntentsGateway {
    const create = (store: AccountStore, params: Stripe.PaymentIntentCreateParams, doing: string) => {
      if (!Number.isInteger(params.amount) || params.amount < 1) {
        throw stripeRefusal(doing, {
          statusCode: 400,
          type: "invalid_request_error",
          code: "parameter_invalid_integer",
          param: "amount",
          message: "This value must be greater than or equal to 1.",
        })
      }
      const intent = paymentIntentObject(params)
      store.paymentIntents.set(intent.id, intent)
      return intent
    }
    return {
      createAndConfirm: (params, key) =>
        this.call(account, "paymentIntents.createAndConfirm", "charge the card", { key, args: [params] }, (store) => {
          const intent = create(store, params, "charge the card")
          if (!params.payment_method) {
            throw stripeRefusal("charge the card", {
              statusCode: 400,
              type: "invalid_request_error",
              code: "parameter_missing",
              param: "payment_method",
              message: "You must provide a payment_method to confirm this PaymentIntent.",
            })
          }
          // Like Stripe: no customer to authenticate (off_session), or told to fail rather than wait (error_on_requires_action).
          this.charge(
            store,
            intent,
            params.payment_method,
            params.off_session === true || params.error_on_requires_action === true,
            "charge the card"
          )
          return this.expanded(store, intent, params.expand)
        }),
      create: (params, key) =>
        this.call(account, "paymentIntents.create", "create the payment", { key, args: [params] }, (store) =>
          this.expanded(store, create(store, params, "create the payment"), params.expand)
        ),
      retrieve: (id, expand) =>
        this.call(account, "paymentIntents.retrieve", "read the payment", { args: [id, expand] }, (store) =>
          this.expanded(store, this.intent(store, id, "read the payment"), expand)
        ),
      update: (id, params, key) =>
        this.call(account, "paymentIntents.update", "update the payment", { key, args: [id, params] }, (store) => {
          const intent = this.intent(store, id, "update the payment")
          if (intent.status === "succeeded" || intent.status === "canceled") {
            throw unexpectedState(
              "update the payment",
              `This PaymentIntent's amount could not be updated because it has a status of ${intent.status}.`
            )
          }
          if (params.amount !== undefined) intent.amount = params.amount
          if (params.description !== undefined) intent.description = params.description || null
          if (params.receipt_email !== undefined) intent.receipt_email = params.receipt_email || null
          if (typeof params.customer === "string") intent.customer = params.customer
          if (typeof params.payment_method === "string") intent.payment_method = params.payment_method
          intent.metadata = mergedMetadata(intent.metadata, params.metadata)
          return intent
        }),
      confirm: (id, params, key) =>
        this.call(account, "paymentIntents.confirm", "confirm the payment", { key, args: [id, params] }, (store) => {
          const intent = this.intent(store, id, "confirm the payment")
          if (!["requires_payment_method", "requires_confirmation", "requires_action"].includes(intent.status)) {
            throw unexpectedState("confirm the payment", `This PaymentIntent's status is ${intent.status}, so it cannot be confirmed.`)
          }
          const method = params.payment_method ?? (typeof intent.payment_method === "string" ? intent.payment_method : undefined)
          if (!method) {
            throw stripeRefusal("confirm the payment", {
              statusCode: 400,
              type: "invalid_request_error",
              code: "parameter_missing",
              param: "payment_method",
              message: "You must provide a payment_method to confirm this PaymentIntent.",
            })
          }
          this.charge(store, intent, method, params.off_session === true || params.error_on_requires_action === true, "confirm the payment")
          return this.expanded(store, intent, params.expand)
        }),
      capture: (id, params, key) =>
        this.call(account, "paymentIntents.capture", "capture the payment", { key, args: [id, params] }, (store) => {
          const intent = this.intent(store, id, "capture the payment")
          if (intent.status !== "requires_capture") {
            throw unexpectedState(
              "capture the payment",
              `This PaymentIntent could not be captured because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.`
            )
          }
          const amount = params.amount_to_capture ?? intent.amount_capturable
          if (amount > intent.amount_capturable) {
            throw stripeRefusal("capture the payment", {
              statusCode: 400,
              type: "invalid_request_error",
              code: "amount_too_large",
              param: "amount_to_capture",
              message: "The amount to capture is larger than the amount capturable.",
            })
          }
          intent.amount_received = amount
          intent.amount_capturable = 0
          intent.status = "succeeded"
          return intent
        }),
      cancel: (id, key) =>
        this.call(account, "paymentIntents.cancel", "cancel the payment", { key, args: [id] }, (store) => {
          const intent = this.intent(store, id, "cancel the payment")
          if (intent.status === "succeeded" || intent.status === "canceled") {
            throw unexpectedState(
              "cancel the payment",
              `You cannot cancel this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be canceled: requires_payment_method, requires_capture, requires_confirmation, requires_action, processing.`
            )
          }
          intent.status = "canceled"
          intent.canceled_at = Math.floor(Date.now() / 1000)
          intent.amount_capturable = 0
          return intent
        }),
      searchByMetadata: (key, value) =>
        this.call(account, "paymentIntents.searchByMetadata", "search the payments", { args: [key, value] }, (store) =>
          [...store.paymentIntents.values()].reverse().filter((intent) => intent.metadata[key] === value)
        ),
    }
  }

  private checkoutSessionsGateway(account: StripeAccountRef): CheckoutSessionsGateway {
    const find = (store: AccountStore, id: string, doing: string) => {
      const session = store.checkoutSessions.get(id)
      if (!session) throw notFound(doing, "checkout.session", id)
      return session
    }
    return {
      open: (params, key) =>
        this.call(account, "checkoutSessions.open", "open Stripe Checkout", { key, args: [params] }, (store) => {
          const items = params.line_items ?? []
          const prices = items.map((item) => item.price_data)
          if (!items.length || prices.some((price) => !price || price.unit_amount === undefined)) {
            throw stripeRefusal("open Stripe Checkout", {
              statusCode: 400,
              type: "invalid_request_error",
              param: "line_items",
              message: "The fake gateway takes line_items with price_data.unit_amount only.",
            })
          }
          const currency = (prices[0]?.currency ?? "usd").toLowerCase()
          const total = items.reduce((sum, item) => sum + (item.price_data?.unit_amount ?? 0) * (item.quantity ?? 1), 0)
          const session = checkoutSessionObject(params, total, currency)
          store.checkoutSessions.set(session.id, session)
          store.checkoutIntentData.set(session.id, copy(params.payment_intent_data ?? {}))
          return session
        }),
      retrieve: (id, expand) =>
        this.call(account, "checkoutSessions.retrieve", "read the Checkout Session", { args: [id, expand] }, (store) =>
          find(store, id, "read the Checkout Session")
        ),
      // As the real gateway answers: an open session expires; a complete or expired one comes back as it is.
      expire: (id, key) =>
        this.call(account, "checkoutSessions.expire", "close the Checkout Session", { key, args: [id] }, (store) => {
          const session = find(store, id, "close the Checkout Session")
          if (session.status === "open") session.status = "expired"
          return session
        }),
    }
  }

  private refundsGateway(account: StripeAccountRef): RefundsGateway {
    return {
      create: (params, key) =>
        this.call(account, "refunds.create", "refund the payment", { key, args: [params] }, (store) => {
          const intentId = typeof params.payment_intent === "string" ? params.payment_intent : undefined
          if (!intentId) {
            throw stripeRefusal("refund the payment", {
              statusCode: 400,
              type: "invalid_request_error",
              code: "parameter_missing",
              param: "payment_intent",
              message: "One of the following params should be provided for this request: payment_intent or charge.",
            })
          }
          const intent = this.intent(store, intentId, "refund the payment")
          if (intent.status !== "succeeded") {
            throw unexpectedState("refund the payment", `This PaymentIntent (${intent.id}) does not have a successful charge to refund.`)
          }
          const refunded = store.refundedByIntent.get(intent.id) ?? 0
          const left = intent.amount_received - refunded
          const amount = params.amount ?? left
          if (left <= 0) {
            throw stripeRefusal("refund the payment", {
              statusCode: 400,
              type: "invalid_request_error",
              code: "charge_already_refunded",
              message: `Charge ${String(intent.latest_charge)} has already been refunded.`,
            })
          }
          if (amount > left) {
            throw stripeRefusal("refund the payment", {
              statusCode: 400,
              type: "invalid_request_error",
              code: "amount_too_large",
              param: "amount",
              message: `Refund amount (${amount}) is greater than unrefunded amount on charge (${left})`,
            })
          }
          const refund = refundObject(intent, amount, params)
          store.refunds.set(refund.id, refund)
          store.refundedByIntent.set(intent.id, refunded + amount)
          return refund
        }),
      retrieve: (id) =>
        this.call(account, "refunds.retrieve", "read the refund", { args: [id] }, (store) => {
          const refund = store.refunds.get(id)
          if (!refund) throw notFound("read the refund", "refund", id)
          return refund
        }),
    }
  }

  /** This fake takes no disputes: every one asked for is unknown, as Stripe answers an id it never made. */
  private disputesGateway(account: StripeAccountRef): DisputesGateway {
    return {
      retrieve: (id) =>
        this.call(account, "disputes.retrieve", "read the dispute", { args: [id] }, () => {
          throw notFound("read the dispute", "dispute", id)
        }),
    }
  }

  /** Nothing this fake does happens "in Stripe" on its own, so its events list is empty. */
  private eventsGateway(account: StripeAccountRef): EventsGateway {
    return {
      list: (query) =>
        this.call(account, "events.list", "read Stripe's events", { args: [query] }, () => ({ events: [], has_more: false })),
    }
  }

  private customersGateway(account: StripeAccountRef): CustomersGateway {
    return {
      create: (params, key) =>
        this.call(account, "customers.create", "create the customer", { key, args: [params] }, (store) => {
          const customer = customerObject(params)
          store.customers.set(customer.id, customer)
          return customer
        }),
      update: (id, params, key) =>
        this.call(account, "customers.update", "update the customer", { key, args: [id, params] }, (store) => {
          const customer = store.customers.get(id)
          if (!customer) throw notFound("update the customer", "customer", id)
          if (params.email !== undefined) customer.email = params.email || null
          if (params.name !== undefined) customer.name = params.name || null
          if (params.phone !== undefined) customer.phone = params.phone || null
          if (params.description !== undefined) customer.description = params.description || null
          customer.metadata = mergedMetadata(customer.metadata, params.metadata)
          return customer
        }),
      // As the real gateway answers: a customer already gone counts as deleted.
      delete: (id) =>
        this.call(account, "customers.delete", "delete the customer", { args: [id] }, (store) => {
          store.customers.delete(id)
        }),
      listPaymentMethods: (id, options = {}) =>
        this.call(account, "customers.listPaymentMethods", "list the saved cards", { args: [id, options] }, (store) => {
          if (!store.customers.has(id)) throw notFound("list the saved cards", "customer", id)
          return [...store.paymentMethods.values()]
            .reverse()
            .filter((pm) => pm.customer === id && (!options.type || pm.type === options.type))
            .slice(0, options.limit ?? 100)
        }),
    }
  }

  private paymentMethodsGateway(account: StripeAccountRef): PaymentMethodsGateway {
    return {
      // As the real gateway answers: detached or gone already counts as done.
      detach: (id, key) =>
        this.call(account, "paymentMethods.detach", "remove the saved card", { key, args: [id] }, (store) => {
          const pm = store.paymentMethods.get(id)
          if (pm) pm.customer = null
        }),
      // As the real gateway answers: an id the account does not have is null.
      retrieve: (id) =>
        this.call(account, "paymentMethods.retrieve", "read the card", { args: [id] }, (store) => store.paymentMethods.get(id) ?? null),
      update: (id, params, key) =>
        this.call(account, "paymentMethods.update", "update the saved card", { key, args: [id, params] }, (store) => {
          const pm = store.paymentMethods.get(id)
          if (!pm) throw notFound("update the saved card", "payment_method", id)
          pm.metadata = mergedMetadata(pm.metadata ?? {}, params.metadata)
          return pm
        }),
    }
  }

  private setupIntentsGateway(account: StripeAccountRef): SetupIntentsGateway {
    return {
      create: (params, key) =>
        this.call(account, "setupIntents.create", "save the card", { key, args: [params] }, (store) => {
          const intent = setupIntentObject(params)
          store.setupIntents.set(intent.id, intent)
          if (!params.payment_method) return intent
          const customer = params.customer ?? null
          const { pm, card } = this.paymentMethod(store, params.payment_method, customer, "save the card")
          intent.payment_method = pm.id
          if (!params.confirm) {
            intent.status = "requires_confirmation"
            return intent
          }
          if (card.outcome.kind === "declined") {
            throw stripeRefusal("save the card", {
              statusCode: 402,
              type: "card_error",
              code: card.outcome.code,
              decline_code: card.outcome.decline_code,
              message: card.outcome.message,
            })
          }
          if (card.outcome.kind === "authentication_required") {
            intent.status = "requires_action"
            return intent
          }
          pm.customer = customer
          intent.status = "succeeded"
          return intent
        }),
    }
  }

  private accountsGateway(account: StripeAccountRef): AccountsGateway {
    return {
      retrieveCurrent: () =>
        this.call(account, "accounts.retrieveCurrent", "read the Stripe account", { args: [] }, () =>
          accountObject(account ?? FAKE_PLATFORM_ACCOUNT, account ? `Connected store ${account}` : "Fake platform")
        ),
    }
  }

  private oauthGateway(): OAuthGateway {
    return {
      token: (code) =>
        this.call(undefined, "oauth.token", "connect the Stripe account", { args: [code] }, () => {
          const grant = this.codes.get(code)
          if (!grant || grant.used) {
            throw oauthRefusal("connect the Stripe account", "invalid_grant", `Authorization code does not exist: ${code}`)
          }
          grant.used = true
          this.connectAccount(grant.account)
          return oauthTokenObject(grant.account)
        }),
      // As the real gateway answers: false when the account had already revoked the platform.
      deauthorize: (clientId, accountId) =>
        this.call(undefined, "oauth.deauthorize", "disconnect the Stripe account", { args: [clientId, accountId] }, () => {
          if (!this.connected.has(accountId)) return false
          this.revokeAccount(accountId)
          return true
        }),
    }
  }
}
