import { AbstractPaymentProvider, MedusaError, PaymentSessionStatus } from "@medusajs/framework/utils"
import type {
  AuthorizePaymentInput,
  AuthorizePaymentOutput,
  CancelPaymentInput,
  CancelPaymentOutput,
  CapturePaymentInput,
  CapturePaymentOutput,
  CreateAccountHolderInput,
  CreateAccountHolderOutput,
  DeleteAccountHolderInput,
  DeleteAccountHolderOutput,
  DeletePaymentInput,
  DeletePaymentMethodInput,
  DeletePaymentMethodOutput,
  DeletePaymentOutput,
  GetPaymentStatusInput,
  GetPaymentStatusOutput,
  InitiatePaymentInput,
  InitiatePaymentOutput,
  ListPaymentMethodsInput,
  ListPaymentMethodsOutput,
  PaymentCustomerDTO,
  PaymentProviderContext,
  PaymentSessionStatus as SessionStatus,
  ProviderWebhookPayload,
  RefundPaymentInput,
  RefundPaymentOutput,
  RetrievePaymentInput,
  RetrievePaymentOutput,
  SavePaymentMethodInput,
  SavePaymentMethodOutput,
  UpdateAccountHolderInput,
  UpdateAccountHolderOutput,
  UpdatePaymentInput,
  UpdatePaymentOutput,
  WebhookActionResult,
} from "@medusajs/framework/types"
import type Stripe from "stripe"
import { captureAmountReader, type CaptureAmountReader } from "./capture-amounts"
import { stripeErrorDetails, toMedusaError } from "../../stripe/errors"
import { digest, idempotencyKey } from "../../stripe/idempotency"
import { ourSessionId, PLUGIN_MARKER_KEY, PLUGIN_MARKER_VALUE, stripeCollectMetadata } from "./metadata"
import { fromMinorUnits, normalizeCurrency, toMinorUnits, type MoneyAmount } from "../../stripe/money"
import { parseStripeCollectOptions, type StripeCollectOptions, type StripeCollectOptionsInput } from "./options"
import { withRateLimitRetry } from "../../stripe/retry"
import { dataForPaymentIntent, idOf, SessionDataReader, type StripeCollectSessionData } from "./session-data"
import { sessionStatusForCheckoutSession, sessionStatusForPaymentIntent } from "./status"
import { createStripeClient, type StripeClient } from "../../stripe/client"
import { webhookActionFor } from "./webhooks"

/** Trusted, server-side per-session settings: pass them in the workflow's `context`, never in `data`. */
export type StripeCollectContext = PaymentProviderContext & {
  /** Connected account (`acct_...`) to charge on; defaults to the `connect.accountId` option. */
  stripe_account?: string
  /** Stripe customer (`cus_...`) whose saved card is charged, when there is no account holder. */
  stripe_customer?: string
  /** The customer is not present (admin charging a card on file). */
  off_session?: boolean
  /** A mail/telephone order entered by the admin (needs the `moto` option and Stripe's approval). */
  moto?: boolean
  /** Make a deferred session (payment link); the same as `data.deferred`. */
  deferred?: boolean
  /** Record a PaymentIntent that already exists at Stripe (a charge whose answer was lost); no Stripe call. */
  adopt_payment_intent?: string
}

// A PaymentIntent in these states may still change amount or payment method.
const UPDATABLE_INTENT_STATUSES = new Set(["requires_payment_method", "requires_confirmation", "requires_action"])
const CONFIRMABLE_INTENT_STATUSES = new Set(["requires_payment_method", "requires_confirmation"])
const CANCELABLE_INTENT_STATUSES = new Set([
  "requires_payment_method",
  "requires_confirmation",
  "requires_action",
  "requires_capture",
  "processing",
])

/**
 * The stripe-collect payment provider: card payments through Stripe PaymentIntents for storefront
 * checkout, admin charges and payment links (deferred sessions paid on Stripe Checkout).
 */
class StripeCollectProviderService extends AbstractPaymentProvider<StripeCollectOptionsInput> {
  static identifier = "stripe-collect"

  protected readonly options_: StripeCollectOptions
  protected readonly stripe_: StripeClient
  protected readonly captureAmounts_: CaptureAmountReader | undefined

  static validateOptions(options: Record<string, unknown>): void {
    parseStripeCollectOptions(options)
  }

  constructor(container: Record<string, unknown>, options: StripeCollectOptionsInput) {
    super(container, options)
    this.options_ = parseStripeCollectOptions(options)
    this.stripe_ = createStripeClient(this.options_)
    this.captureAmounts_ = captureAmountReader(container)
  }

  // ---------------------------------------------------------------- payment sessions

  async initiatePayment(input: InitiatePaymentInput): Promise<InitiatePaymentOutput> {
    const data = new SessionDataReader(input.data)
    const context: StripeCollectContext = input.context ?? {}
    const currency = normalizeCurrency(input.currency_code)
    const sessionId = data.string("session_id")
    const displayId = data.string("order_display_id") ?? data.number("order_display_id")
    const customerId = accountHolderCustomerId(context) ?? trustedString(context.stripe_customer, "cus_")

    // What every later call needs, written by us over whatever the caller put in `data`.
    const base = {
      id: null,
      payment_intent_id: null,
      session_id: sessionId ?? null,
      [PLUGIN_MARKER_KEY]: PLUGIN_MARKER_VALUE,
      stripe_account: this.trustedAccount(context) ?? null,
      customer: customerId ?? null,
      off_session: context.off_session === true,
      moto: context.moto === true && this.options_.moto,
      deferred: data.deferred || context.deferred === true,
      charge_on_authorize: data.flag("charge_on_authorize"),
      checkout_session_id: null,
      checkout_session_ids: [],
      currency,
      amount: this.medusaAmountToMinor(input.amount, currency),
      capture_method: this.captureMethodFor(data),
      payment_method: data.string("payment_method") ?? null,
      description: this.descriptionFor(data) ?? null,
      receipt_email:
        data.string("receipt_email") ?? (this.options_.receipts ? context.customer?.email ?? null : null),
      save_payment_method: data.flag("save_payment_method"),
      order_id: data.string("order_id") ?? null,
      metadata: stripeCollectMetadata(sessionId, {
        ...stringValues(data.raw.metadata),
        ...stringValues({
          order_id: data.string("order_id"),
          order_display_id: displayId,
          cart_id: data.string("cart_id"),
          medusa_customer_id: context.customer?.id,
        }),
      }),
    } satisfies Partial<StripeCollectSessionData>

    const adopted = trustedString(context.adopt_payment_intent, "pi_")
    if (adopted) {
      // Authorizing reads the PaymentIntent from Stripe; nothing is created or confirmed.
      return {
        id: sessionId ?? adopted,
        status: PaymentSessionStatus.PENDING,
        data: { ...base, payment_intent_id: adopted, charge_on_authorize: false, payment_method: null },
      }
    }
    if (base.deferred) {
      return {
        id: sessionId ?? idempotencyKey("deferred", context.idempotency_key),
        status: PaymentSessionStatus.PENDING_AUTHORIZATION,
        data: base,
      }
    }
    if (base.charge_on_authorize) {
      // Created and confirmed in one call when the payment is authorized (admin charges).
      if (!base.payment_method) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, "A charge needs a card: data.payment_method is missing")
      }
      return { id: sessionId ?? idempotencyKey("charge", context.idempotency_key), status: PaymentSessionStatus.PENDING, data: base }
    }

    const params = this.intentCreateParams(new SessionDataReader(base))
    const intent = await this.call("create the payment", () =>
      this.stripe_.paymentIntents.create(
        params,
        this.requestOptions(base.stripe_account, idempotencyKey("initiate", context.idempotency_key ?? sessionId ?? digest(params)))
      )
    )
    return {
      id: intent.id,
      status: sessionStatusForPaymentIntent(intent),
      data: dataForPaymentIntent(intent, base),
    }
  }

  async authorizePayment(input: AuthorizePaymentInput): Promise<AuthorizePaymentOutput> {
    const data = new SessionDataReader(input.data)
    if (data.deferred) return this.readDeferredSession(data)
    if (data.flag("charge_on_authorize") && !data.paymentIntentId) return this.chargeNow(data)

    const intentId = this.requireIntentId(data, "authorize")
    const account = data.stripeAccount
    const paymentMethod = data.string("payment_method")
    const lastKnownStatus = data.string("status")

    let intent: Stripe.PaymentIntent
    if (paymentMethod && (!lastKnownStatus || CONFIRMABLE_INTENT_STATUSES.has(lastKnownStatus))) {
      intent = await this.confirm(intentId, data, input.context?.idempotency_key)
      // A replayed confirmation returns its first answer; after 3-D Secure the intent has moved on.
      if (intent.status === "requires_action") intent = await this.retrieveIntent(intentId, account)
    } else {
      intent = await this.retrieveIntent(intentId, account)
    }
    return this.statusAndData(intent, data)
  }

  async capturePayment(input: CapturePaymentInput): Promise<CapturePaymentOutput> {
    const data = new SessionDataReader(input.data)
    const intentId = this.requireIntentId(data, "capture")
    const account = data.stripeAccount
    const captureId = input.context?.idempotency_key
    const requested = captureId && this.captureAmounts_ ? await this.captureAmounts_(captureId) : undefined

    // A charge Stripe captured moments ago (admin charge, paid link) carries its succeeded intent in
    // the payment's data, written by authorizePayment from Stripe's answer: no need to ask again.
    if (this.capturedAtStripeAlready(data, requested)) return { data: data.raw }
    const intent = await this.retrieveIntent(intentId, account, ["latest_charge"])
    const currency = intent.currency

    if (intent.status === "succeeded") {
      // Captured already (auto-capture, Stripe's dashboard, or a replay): fine while Stripe holds at
      // least what Medusa has recorded as captured.
      const recorded = requested ? sumMinor(requested.paymentTotal, currency) : intent.amount_received
      if (recorded > intent.amount_received) {
        const asked = requested ? this.medusaAmountToMinor(requested.amount, currency) : 0
        throw new MedusaError(
          MedusaError.Types.NOT_ALLOWED,
          `Stripe has captured ${fromMinorUnits(intent.amount_received, currency)} ${currency.toUpperCase()} of ` +
            `PaymentIntent ${intent.id} and released the rest of the authorization; another ` +
            `${fromMinorUnits(asked, currency)} ${currency.toUpperCase()} cannot be captured`
        )
      }
      return { data: dataForPaymentIntent(intent, data.raw) }
    }
    if (intent.status !== "requires_capture") {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `PaymentIntent ${intent.id} is ${intent.status}; only an authorized payment can be captured`
      )
    }

    const amountToCapture = requested
      ? this.medusaAmountToMinor(requested.amount, currency)
      : intent.amount_capturable
    if (amountToCapture > intent.amount_capturable) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `Cannot capture ${fromMinorUnits(amountToCapture, currency)} ${currency.toUpperCase()}: only ` +
          `${fromMinorUnits(intent.amount_capturable, currency)} is still authorized at Stripe`
      )
    }
    const isFinal = amountToCapture >= intent.amount_capturable || !multicaptureAvailable(intent)
    const params: Stripe.PaymentIntentCaptureParams = {
      amount_to_capture: amountToCapture,
      expand: ["payment_method"],
      ...(isFinal ? {} : { final_capture: false }),
    }
    const key = captureId
      ? idempotencyKey("capture", captureId)
      : idempotencyKey("capture", intent.id, intent.amount_received, amountToCapture)
    try {
      const captured = await this.call("capture the payment", () =>
        this.stripe_.paymentIntents.capture(intent.id, params, this.requestOptions(account, key))
      )
      return { data: dataForPaymentIntent(captured, data.raw) }
    } catch (error) {
      const already = intentFromError(error)
      if (already?.status === "succeeded") return { data: dataForPaymentIntent(already, data.raw) }
      throw error
    }
  }

  async refundPayment(input: RefundPaymentInput): Promise<RefundPaymentOutput> {
    const data = new SessionDataReader(input.data)
    const intentId = this.requireIntentId(data, "refund")
    const currency = normalizeCurrency(data.string("currency") ?? "")
    const amount = this.medusaAmountToMinor(input.amount, currency)
    const refundKey = input.context?.idempotency_key
    const key = refundKey
      ? idempotencyKey("refund", refundKey)
      : idempotencyKey("refund", intentId, data.number("amount_refunded") ?? 0, amount)

    try {
      const refund = await this.call("refund the payment", () =>
        this.stripe_.refunds.create(
          {
            payment_intent: intentId,
            amount,
            metadata: stripeCollectMetadata(data.string("session_id"), { medusa_refund_id: refundKey }),
          },
          this.requestOptions(data.stripeAccount, key)
        )
      )
      const refundIds = data.strings("refund_ids")
      const isNew = !refundIds.includes(refund.id)
      return {
        data: {
          ...data.raw,
          refund_ids: isNew ? [...refundIds, refund.id] : refundIds,
          amount_refunded: (data.number("amount_refunded") ?? 0) + (isNew ? refund.amount : 0),
        },
      }
    } catch (error) {
      // Refunded already (e.g. from Stripe's dashboard): what Medusa asks for is true at Stripe.
      if (stripeErrorDetails(error)?.code === "charge_already_refunded") return { data: data.raw }
      throw error
    }
  }

  async cancelPayment(input: CancelPaymentInput): Promise<CancelPaymentOutput> {
    const data = new SessionDataReader(input.data)
    const intentId = data.paymentIntentId
    if (!intentId) {
      await this.expireCheckoutSessions(data)
      return { data: data.raw }
    }
    try {
      const intent = await this.call("cancel the payment", () =>
        this.stripe_.paymentIntents.cancel(
          intentId,
          {},
          this.requestOptions(data.stripeAccount, idempotencyKey("cancel", input.context?.idempotency_key ?? intentId))
        )
      )
      return { data: dataForPaymentIntent(intent, data.raw) }
    } catch (error) {
      const intent = intentFromError(error)
      if (intent?.status === "canceled") return { data: dataForPaymentIntent(intent, data.raw) }
      throw error
    }
  }

  async deletePayment(input: DeletePaymentInput): Promise<DeletePaymentOutput> {
    const data = new SessionDataReader(input.data)
    const intentId = data.paymentIntentId
    if (!intentId) {
      await this.expireCheckoutSessions(data)
      return { data: data.raw }
    }
    // Only an unfinished PaymentIntent is canceled; a paid or canceled one is left as it is.
    if (data.string("status") && !CANCELABLE_INTENT_STATUSES.has(data.string("status") ?? "")) {
      return { data: data.raw }
    }
    try {
      return await this.cancelPayment(input)
    } catch (error) {
      const details = stripeErrorDetails(error)
      if (details?.code === "payment_intent_unexpected_state" || details?.kind === "not_found") {
        return { data: data.raw }
      }
      throw error
    }
  }

  async retrievePayment(input: RetrievePaymentInput): Promise<RetrievePaymentOutput> {
    const data = new SessionDataReader(input.data)
    if (data.deferred && !data.paymentIntentId) return { data: (await this.readDeferredSession(data)).data }
    const intent = await this.retrieveIntent(this.requireIntentId(data, "retrieve"), data.stripeAccount)
    return { data: dataForPaymentIntent(intent, data.raw) }
  }

  async getPaymentStatus(input: GetPaymentStatusInput): Promise<GetPaymentStatusOutput> {
    const data = new SessionDataReader(input.data)
    if (data.deferred) return this.readDeferredSession(data)
    const intent = await this.retrieveIntent(this.requireIntentId(data, "read"), data.stripeAccount)
    return this.statusAndData(intent, data)
  }

  async updatePayment(input: UpdatePaymentInput): Promise<UpdatePaymentOutput> {
    const data = new SessionDataReader(input.data)
    const currency = normalizeCurrency(input.currency_code)
    const amount = this.medusaAmountToMinor(input.amount, currency)

    if (data.deferred) {
      // A payment link records its Checkout Sessions here; the amount follows the collection.
      return {
        status: PaymentSessionStatus.PENDING_AUTHORIZATION,
        data: { ...data.raw, currency, amount },
      }
    }

    const intentId = data.paymentIntentId
    if (!intentId) {
      // Nothing at Stripe yet (a charge made at authorization): the new amount is all there is to keep.
      return { data: { ...data.raw, currency, amount } }
    }
    if (data.number("amount") === amount && data.string("currency") === currency) {
      return { data: data.raw }
    }
    const status = data.string("status")
    if (status && !UPDATABLE_INTENT_STATUSES.has(status)) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `PaymentIntent ${intentId} is ${status}; its amount can no longer change`
      )
    }
    const paymentMethod = data.string("payment_method")
    const params: Stripe.PaymentIntentUpdateParams = {
      amount,
      currency,
      expand: ["payment_method"],
      ...(paymentMethod ? { payment_method: paymentMethod } : {}),
    }
    const intent = await this.call("update the payment", () =>
      this.stripe_.paymentIntents.update(
        intentId,
        params,
        this.requestOptions(data.stripeAccount, idempotencyKey("update", intentId, digest(params)))
      )
    )
    return this.statusAndData(intent, data)
  }

  async getWebhookActionAndData(payload: ProviderWebhookPayload["payload"]): Promise<WebhookActionResult> {
    return webhookActionFor(payload, { webhooks: this.stripe_.webhooks, secret: this.options_.webhookSecret })
  }

  // ---------------------------------------------------------------- account holders (Stripe customers)

  async createAccountHolder(input: CreateAccountHolderInput): Promise<CreateAccountHolderOutput> {
    const context: StripeCollectContext = input.context
    const existing = accountHolderCustomerId(context)
    if (existing) return { id: existing, data: context.account_holder?.data }
    const customer = context.customer
    if (!customer) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "A Medusa customer is needed to create a Stripe customer")
    }
    const account = this.trustedAccount(context)
    const params: Stripe.CustomerCreateParams = {
      ...customerParams(customer),
      metadata: stripeCollectMetadata(undefined, { medusa_customer_id: customer.id }),
    }
    const created = await this.call("create the customer", () =>
      this.stripe_.customers.create(
        params,
        this.requestOptions(account, idempotencyKey("customer", context.idempotency_key ?? customer.id))
      )
    )
    return { id: created.id, data: customerData(created, account) }
  }

  async updateAccountHolder(input: UpdateAccountHolderInput): Promise<UpdateAccountHolderOutput> {
    const context: StripeCollectContext = input.context
    const customerId = accountHolderCustomerId(context)
    if (!customerId) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "The account holder has no Stripe customer id")
    }
    if (!context.customer) return {}
    const account = accountHolderAccount(context) ?? this.trustedAccount(context)
    const params = customerParams(context.customer)
    const updated = await this.call("update the customer", () =>
      this.stripe_.customers.update(
        customerId,
        params,
        this.requestOptions(account, idempotencyKey("customer-update", customerId, digest(params)))
      )
    )
    return { data: customerData(updated, account) }
  }

  async deleteAccountHolder(input: DeleteAccountHolderInput): Promise<DeleteAccountHolderOutput> {
    const data = input.context.account_holder?.data ?? {}
    const customerId = typeof data.id === "string" ? data.id : input.context.account_holder?.external_id
    if (!customerId) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "The account holder has no Stripe customer id")
    }
    const account = typeof data.stripe_account === "string" ? data.stripe_account : this.options_.connect?.accountId
    try {
      await this.call("delete the customer", () =>
        this.stripe_.customers.del(customerId, {}, this.requestOptions(account))
      )
    } catch (error) {
      // Deleted already: the wish is fulfilled.
      if (stripeErrorDetails(error)?.kind !== "not_found") throw error
    }
    return {}
  }

  // ---------------------------------------------------------------- saved payment methods

  async listPaymentMethods(input: ListPaymentMethodsInput): Promise<ListPaymentMethodsOutput> {
    const context: StripeCollectContext = input.context ?? {}
    const customerId = accountHolderCustomerId(context)
    if (!customerId) return []
    const account = accountHolderAccount(context) ?? this.trustedAccount(context)
    const methods = await this.call("list the saved cards", () =>
      this.stripe_.customers.listPaymentMethods(customerId, { limit: 100 }, this.requestOptions(account))
    )
    return methods.data.map((method) => ({ id: method.id, data: paymentMethodData(method) }))
  }

  async savePaymentMethod(input: SavePaymentMethodInput): Promise<SavePaymentMethodOutput> {
    const context: StripeCollectContext = input.context ?? {}
    const customerId = accountHolderCustomerId(context)
    if (!customerId) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "A card can only be saved for a customer with an account holder")
    }
    const data = new SessionDataReader(input.data)
    const account = accountHolderAccount(context) ?? this.trustedAccount(context)
    const paymentMethod = data.string("payment_method")
    const params: Stripe.SetupIntentCreateParams = {
      customer: customerId,
      usage: "off_session",
      // Cards and wallets only: confirmed server-side, so no redirect (and no return_url) is possible.
      automatic_payment_methods: { enabled: true, allow_redirects: "never" },
      metadata: stripeCollectMetadata(undefined, { medusa_customer_id: context.customer?.id }),
      ...(paymentMethod ? { payment_method: paymentMethod, confirm: true } : {}),
    }
    const setupIntent = await this.call("save the card", () =>
      this.stripe_.setupIntents.create(
        params,
        this.requestOptions(account, idempotencyKey("setup", context.idempotency_key ?? digest(params)))
      )
    )
    return {
      id: setupIntent.id,
      data: {
        id: setupIntent.id,
        status: setupIntent.status,
        client_secret: setupIntent.client_secret,
        customer: idOf(setupIntent.customer),
        payment_method: idOf(setupIntent.payment_method),
        stripe_account: account ?? null,
      },
    }
  }

  async deletePaymentMethod(input: DeletePaymentMethodInput): Promise<DeletePaymentMethodOutput> {
    const paymentMethodId = input.data.id
    if (!paymentMethodId) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "Which card to delete is missing (data.id)")
    }
    const context: StripeCollectContext = input.context ?? {}
    const account = accountHolderAccount(context) ?? this.trustedAccount(context)
    try {
      await this.call("delete the saved card", () =>
        this.stripe_.paymentMethods.detach(
          paymentMethodId,
          {},
          this.requestOptions(account, idempotencyKey("detach", paymentMethodId))
        )
      )
    } catch (error) {
      if (stripeErrorDetails(error)?.kind !== "not_found") throw error
    }
    return {}
  }

  // ---------------------------------------------------------------- helpers

  /** Every Stripe call goes through here: 429 retries, then the one error mapper. */
  protected async call<T>(doing: string, request: () => Promise<T>): Promise<T> {
    try {
      return await withRateLimitRetry(request)
    } catch (error) {
      throw toMedusaError(error, doing)
    }
  }

  protected requestOptions(stripeAccount: string | undefined | null, key?: string): Stripe.RequestOptions {
    return {
      ...(key ? { idempotencyKey: key } : {}),
      ...(stripeAccount ? { stripeAccount } : {}),
    }
  }

  /** Amounts Medusa computed (cart totals with tax can be finer than cents) round like Medusa does. */
  protected medusaAmountToMinor(amount: MoneyAmount, currency: string): number {
    return toMinorUnits(amount, currency, { rounding: "half_up" })
  }

  protected trustedAccount(context: StripeCollectContext): string | undefined {
    const fromContext = typeof context.stripe_account === "string" ? context.stripe_account : undefined
    return fromContext ?? this.options_.connect?.accountId
  }

  protected captureMethodFor(data: SessionDataReader): "automatic" | "manual" {
    const requested = data.string("capture_method")
    if (requested === "manual" || requested === "automatic") return requested
    return this.options_.capture ? "automatic" : "manual"
  }

  protected descriptionFor(data: SessionDataReader): string | undefined {
    const description = data.string("description")
    if (description) return description.slice(0, 1000)
    const display = data.string("order_display_id") ?? data.number("order_display_id")
    return display !== undefined ? `Order #${display}` : undefined
  }

  protected requireIntentId(data: SessionDataReader, doing: string): string {
    const id = data.paymentIntentId
    if (!id) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `Cannot ${doing} the payment: the session has no Stripe PaymentIntent`
      )
    }
    return id
  }

  protected async retrieveIntent(
    id: string,
    account: string | undefined,
    expand?: string[]
  ): Promise<Stripe.PaymentIntent> {
    return this.call("read the payment", () =>
      this.stripe_.paymentIntents.retrieve(id, { expand: ["payment_method", ...(expand ?? [])] }, this.requestOptions(account))
    )
  }

  /** The PaymentIntent for a session, from the data initiatePayment wrote. */
  protected intentCreateParams(data: SessionDataReader): Stripe.PaymentIntentCreateParams {
    const customer = data.string("customer")
    const paymentMethod = data.string("payment_method")
    const captureMethod = data.string("capture_method") === "manual" ? "manual" : "automatic"
    const metadata = stringValues(data.raw.metadata)
    return {
      amount: data.number("amount") ?? 0,
      currency: data.string("currency") ?? "",
      capture_method: captureMethod,
      // Cards and wallets only: confirmed server-side, so no redirect (and no return_url) is possible.
      automatic_payment_methods: { enabled: true, allow_redirects: "never" },
      metadata: stripeCollectMetadata(data.string("session_id"), metadata),
      expand: ["payment_method"],
      ...(paymentMethod ? { payment_method: paymentMethod } : {}),
      ...(customer ? { customer } : {}),
      ...(data.string("description") ? { description: data.string("description") } : {}),
      ...(data.string("receipt_email") ? { receipt_email: data.string("receipt_email") } : {}),
      ...(this.options_.statementDescriptorSuffix
        ? { statement_descriptor_suffix: this.options_.statementDescriptorSuffix }
        : {}),
      ...(customer && data.flag("save_payment_method") ? { setup_future_usage: "off_session" as const } : {}),
      ...(captureMethod === "manual" && this.options_.multicapture
        ? { payment_method_options: { card: { request_multicapture: "if_available" as const } } }
        : {}),
    }
  }

  /** Admin charge: create and confirm the PaymentIntent in one call. */
  protected async chargeNow(data: SessionDataReader): Promise<AuthorizePaymentOutput> {
    const base = this.intentCreateParams(data)
    const params: Stripe.PaymentIntentCreateParams = {
      ...base,
      confirm: true,
      ...(data.flag("off_session") ? { off_session: true } : {}),
      ...(data.flag("moto") && this.options_.moto
        ? { payment_method_options: { ...base.payment_method_options, card: { ...base.payment_method_options?.card, moto: true } } }
        : {}),
    }
    // The caller's key alone when given: a retry of a charge whose answer was lost is the same request to
    // Stripe even from a new session, so it is replayed (or refused), never charged twice.
    const callerKey = data.string("idempotency_key")
    const key = callerKey
      ? idempotencyKey("charge", callerKey)
      : idempotencyKey("charge", data.string("session_id"), data.string("payment_method"))
    const intent = await this.call("charge the card", () =>
      this.stripe_.paymentIntents.create(params, this.requestOptions(data.stripeAccount, key))
    )
    return this.statusAndData(intent, data)
  }

  protected async confirm(
    intentId: string,
    data: SessionDataReader,
    contextKey: string | undefined
  ): Promise<Stripe.PaymentIntent> {
    const paymentMethod = data.string("payment_method")
    const params: Stripe.PaymentIntentConfirmParams = {
      expand: ["payment_method"],
      ...(paymentMethod ? { payment_method: paymentMethod } : {}),
      ...(data.flag("off_session") ? { off_session: true } : {}),
      ...(data.flag("moto") && this.options_.moto ? { payment_method_options: { card: { moto: true } } } : {}),
      ...(data.string("return_url") ? { return_url: data.string("return_url") } : {}),
    }
    const key = idempotencyKey("confirm", contextKey ?? data.string("session_id") ?? intentId, paymentMethod)
    try {
      return await this.call("confirm the payment", () =>
        this.stripe_.paymentIntents.confirm(intentId, params, this.requestOptions(data.stripeAccount, key))
      )
    } catch (error) {
      // Confirmed elsewhere already (Stripe.js, an earlier attempt): continue from its state.
      const intent = intentFromError(error)
      if (
        stripeErrorDetails(error)?.code === "payment_intent_unexpected_state" &&
        intent &&
        !CONFIRMABLE_INTENT_STATUSES.has(intent.status)
      ) {
        return intent
      }
      throw error
    }
  }

  /**
   * True when the session was captured through Medusa and the payment's data (written by
   * authorizePayment from Stripe's answer moments ago) shows Stripe holding at least everything
   * Medusa has recorded as captured — then capturing needs no call to Stripe.
   */
  protected capturedAtStripeAlready(
    data: SessionDataReader,
    requested: Awaited<ReturnType<CaptureAmountReader>> | undefined
  ): boolean {
    if (!data.flag("capture_through_medusa") || data.string("status") !== "succeeded") return false
    const currency = data.string("currency")
    const received = data.number("amount_received")
    if (!currency || received === undefined || !requested) return false
    return sumMinor(requested.paymentTotal, currency) <= received
  }

  protected statusAndData(intent: Stripe.PaymentIntent, data: SessionDataReader): GetPaymentStatusOutput {
    return { status: this.reportedStatus(intent, data), data: dataForPaymentIntent(intent, data.raw) }
  }

  /**
   * `capture_through_medusa` (set by server code): a PaymentIntent Stripe already captured is
   * reported as authorized, so the caller records the capture with Medusa's capture workflow (which
   * writes the order transaction); capturing it then changes nothing at Stripe.
   */
  protected reportedStatus(intent: Stripe.PaymentIntent, data: SessionDataReader): SessionStatus {
    const status = sessionStatusForPaymentIntent(intent)
    return status === PaymentSessionStatus.CAPTURED && data.flag("capture_through_medusa")
      ? PaymentSessionStatus.AUTHORIZED
      : status
  }

  /**
   * A deferred session waits (pending_authorization) until a Checkout Session or PaymentIntent
   * recorded on it is paid. What is read back must carry this session's id in its metadata and its
   * amount, so an id pasted from another payment can never mark this one paid.
   */
  protected async readDeferredSession(data: SessionDataReader): Promise<GetPaymentStatusOutput> {
    const account = data.stripeAccount
    // Checkout Sessions first: a PaymentIntent made by Checkout carries no metadata of ours, and is
    // trusted because the Checkout Session that made it is ours.
    for (const checkoutId of data.checkoutSessionIds) {
      const session = await this.call("read the Checkout Session", () =>
        this.stripe_.checkout.sessions.retrieve(checkoutId, { expand: ["payment_intent"] }, this.requestOptions(account))
      )
      this.assertBelongs(session.metadata, session.amount_total, session.currency, data, `Checkout Session ${session.id}`)
      const intent = session.payment_intent
      const withSession = new SessionDataReader({ ...data.raw, checkout_session_id: session.id })
      if (intent && typeof intent === "object") {
        const found = this.deferredStatusAndData(intent, withSession)
        if (found.status !== PaymentSessionStatus.PENDING_AUTHORIZATION) return found
      } else if (sessionStatusForCheckoutSession(session) !== PaymentSessionStatus.PENDING_AUTHORIZATION) {
        return { status: sessionStatusForCheckoutSession(session), data: withSession.raw }
      }
    }
    const intentId = data.paymentIntentId
    if (intentId && !data.checkoutSessionIds.length) {
      const intent = await this.retrieveIntent(intentId, account)
      this.assertBelongs(intent.metadata, intent.amount, intent.currency, data, `PaymentIntent ${intent.id}`)
      return this.deferredStatusAndData(intent, data)
    }
    return { status: PaymentSessionStatus.PENDING_AUTHORIZATION, data: data.raw }
  }

  /** A deferred session is paid (authorized or captured) or still waiting; a failed attempt leaves it payable. */
  protected deferredStatusAndData(intent: Stripe.PaymentIntent, data: SessionDataReader): GetPaymentStatusOutput {
    const status = this.reportedStatus(intent, data)
    const settled = status === PaymentSessionStatus.AUTHORIZED || status === PaymentSessionStatus.CAPTURED
    return {
      status: settled ? status : PaymentSessionStatus.PENDING_AUTHORIZATION,
      data: dataForPaymentIntent(intent, data.raw),
    }
  }

  protected assertBelongs(
    metadata: Stripe.Metadata | null,
    amount: number | null,
    currency: string | null,
    data: SessionDataReader,
    what: string
  ): void {
    const expectedSession = data.string("session_id")
    const madeFor = ourSessionId(metadata)
    // A payment link's late payment is recorded on a new session of the same link.
    const sameLink = !!madeFor && !!data.string("payment_link_id") && metadata?.payment_link_id === data.string("payment_link_id")
    if (!expectedSession || (madeFor !== expectedSession && !sameLink)) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `${what} was not made for payment session ${expectedSession ?? "(unknown)"}`
      )
    }
    const expectedAmount = data.number("amount")
    const expectedCurrency = data.string("currency")
    if (
      (expectedAmount !== undefined && amount !== expectedAmount) ||
      (expectedCurrency && currency !== expectedCurrency)
    ) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `${what} is for ${amount} ${currency} (minor units), not the session's ${expectedAmount} ${expectedCurrency}`
      )
    }
  }

  protected async expireCheckoutSessions(data: SessionDataReader): Promise<void> {
    for (const checkoutId of data.checkoutSessionIds) {
      try {
        await this.call("expire the Checkout Session", () =>
          this.stripe_.checkout.sessions.expire(
            checkoutId,
            {},
            this.requestOptions(data.stripeAccount, idempotencyKey("expire", checkoutId))
          )
        )
      } catch (error) {
        // Completed or expired already: nothing left to stop.
        const kind = stripeErrorDetails(error)?.kind
        if (kind !== "invalid_request" && kind !== "not_found") throw error
      }
    }
  }
}

/** A string from trusted context that looks like the Stripe id it should be. */
function trustedString(value: unknown, prefix: string): string | undefined {
  return typeof value === "string" && value.startsWith(prefix) ? value : undefined
}

/** The string-valued entries of a caller's metadata object (numbers become strings); anything else is dropped. */
function stringValues(value: unknown): Record<string, string> {
  if (!value || typeof value !== "object" || Array.isArray(value)) return {}
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => typeof v === "string" || typeof v === "number")
      .map(([k, v]) => [k, String(v)])
  )
}

function accountHolderCustomerId(context: PaymentProviderContext): string | undefined {
  const id = context.account_holder?.data?.id
  return typeof id === "string" && id.startsWith("cus_") ? id : undefined
}

function accountHolderAccount(context: PaymentProviderContext): string | undefined {
  const account = context.account_holder?.data?.stripe_account
  return typeof account === "string" && account.length > 0 ? account : undefined
}

function customerParams(customer: PaymentCustomerDTO): Stripe.CustomerCreateParams & Stripe.CustomerUpdateParams {
  const name =
    customer.company_name || [customer.first_name, customer.last_name].filter(Boolean).join(" ").trim()
  const address = customer.billing_address
  return {
    email: customer.email,
    ...(name ? { name } : {}),
    ...(customer.phone ? { phone: customer.phone } : {}),
    ...(address
      ? {
          address: {
            line1: address.address_1 ?? undefined,
            line2: address.address_2 ?? undefined,
            city: address.city ?? undefined,
            state: address.province ?? undefined,
            postal_code: address.postal_code ?? undefined,
            country: address.country_code?.toUpperCase() ?? undefined,
          },
        }
      : {}),
  }
}

function customerData(customer: Stripe.Customer, account: string | undefined): Record<string, unknown> {
  return {
    id: customer.id,
    email: customer.email,
    name: customer.name,
    stripe_account: account ?? null,
  }
}

function paymentMethodData(method: Stripe.PaymentMethod): Record<string, unknown> {
  return {
    id: method.id,
    type: method.type,
    card: method.card
      ? {
          brand: method.card.brand,
          last4: method.card.last4,
          exp_month: method.card.exp_month,
          exp_year: method.card.exp_year,
          funding: method.card.funding,
          country: method.card.country,
        }
      : null,
    billing_details: { name: method.billing_details?.name ?? null, email: method.billing_details?.email ?? null },
    customer: idOf(method.customer),
  }
}

function multicaptureAvailable(intent: Stripe.PaymentIntent): boolean {
  const charge = intent.latest_charge
  if (!charge || typeof charge === "string") return false
  return charge.payment_method_details?.card?.multicapture?.status === "available"
}

/** The PaymentIntent Stripe attaches to errors about one (already captured, already canceled, ...). */
function intentFromError(error: unknown): Stripe.PaymentIntent | undefined {
  if (!error || typeof error !== "object") return undefined
  const direct = "payment_intent" in error ? error.payment_intent : undefined
  const cause = "cause" in error ? error.cause : undefined
  const candidate = isIntent(direct) ? direct : undefined
  if (candidate) return candidate
  return cause && typeof cause === "object" && "payment_intent" in cause && isIntent(cause.payment_intent)
    ? cause.payment_intent
    : undefined
}

function isIntent(value: unknown): value is Stripe.PaymentIntent {
  return (
    !!value &&
    typeof value === "object" &&
    "object" in value &&
    value.object === "payment_intent" &&
    "status" in value &&
    typeof value.status === "string"
  )
}

function sumMinor(amounts: MoneyAmount[], currency: string): number {
  return amounts.reduce<number>((total, amount) => total + toMinorUnits(amount, currency, { rounding: "half_up" }), 0)
}

export default StripeCollectProviderService
