import { AbstractPaymentProvider, MedusaError } from "@medusajs/framework/utils"
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
import { STRIPE_GATEWAY_REGISTRATION } from "../../stripe/configured-gateway"
import type { PaymentIntentsGateway, StripeGateway } from "../../stripe/gateway"
import { digest, idempotencyKey } from "../../stripe/idempotency"
import { normalizeCurrency } from "../../stripe/money"
import { createStripeGateway } from "../../stripe/stripe-gateway"
import { signedDelivery } from "../../stripe/webhook-delivery"
import { adoptedSession, adoptedStatus, keepsStripesMoney } from "./adopted-payments"
import { stripeErrorDetails } from "../../stripe/errors"
import { confirmedElsewhere, intentFromError, isAlreadyRefunded, isPastCanceling } from "./already-done"
import { minorUnitsOf } from "./amounts"
import { captureAmountReader, type CaptureAmountReader } from "./capture-amounts"
import { capturedAtStripeAlready, planCapture } from "./capture-plan"
import { createCustomer, deleteCustomer, listSavedPaymentMethods, removeSavedCard, saveCard, updateCustomer } from "./customers"
import { deferredAmountChange, deferredSession, deferredStatus } from "./deferred-sessions"
import { amountUpdateParams, confirmParams, paymentIntentParams } from "./intent-params"
import { stripeCollectMetadata } from "./metadata"
import { newSession } from "./new-session"
import { REFUND_BEING_RECORDED_KEY, refundBeingRecorded } from "./refund-being-recorded"
import { isLiveKey, parseStripeCollectOptions, type StripeCollectOptions, type StripeCollectOptionsInput } from "./options"
import { publicUrlProblem } from "./public-url-option"
import { linkSecretProblem } from "../../payment-links/link-secrets"
import { callerKeysCleared, dataForPaymentIntent, SessionDataReader } from "./session-data"
import { sessionStatusForPaymentIntent } from "./status"
import { paymentMethodOf } from "./storefront-input"
import type { StripeCollectContext } from "./trusted-context"
import { webhookActionForEvent } from "./webhooks"

export type { StripeCollectContext } from "./trusted-context"

// A PaymentIntent in these states may still change amount or payment method.
const UPDATABLE_INTENT_STATUSES = new Set(["requires_payment_method", "requires_confirmation", "requires_action"])
const CONFIRMABLE_INTENT_STATUSES: ReadonlySet<string> = new Set(["requires_payment_method", "requires_confirmation"])
const CANCELABLE_INTENT_STATUSES = new Set([
  "requires_payment_method",
  "requires_confirmation",
  "requires_action",
  "requires_capture",
  "processing",
])

/**
 * The stripe-collect payment provider: card payments through Stripe PaymentIntents for storefront
 * checkout, payment links (deferred sessions) and payments Stripe already took (adopted). Each method
 * reads the data it wrote itself (session-data.ts) or the trusted context (trusted-context.ts), calls
 * one helper, and answers; every Stripe call goes through the gateway (src/stripe/).
 */
class StripeCollectProviderService extends AbstractPaymentProvider<StripeCollectOptionsInput> {
  static identifier = "stripe-collect"

  protected readonly options_: StripeCollectOptions
  protected readonly gateway_: StripeGateway
  protected readonly captureAmounts_: CaptureAmountReader | undefined

  static validateOptions(options: Record<string, unknown>): void {
    const parsed = parseStripeCollectOptions(options)
    const problem = publicUrlProblem(isLiveKey(parsed.apiKey), process.env.STRIPE_COLLECT_PUBLIC_URL)
    const secretProblem = linkSecretProblem(process.env)
    if (problem || secretProblem) {
      throw new MedusaError(
        MedusaError.Types.INVALID_ARGUMENT,
        `The stripe-collect payment provider cannot start: ${problem ?? secretProblem}`
      )
    }
  }

  constructor(container: Record<string, unknown>, options: StripeCollectOptionsInput) {
    super(container, options)
    this.options_ = parseStripeCollectOptions(options)
    this.gateway_ = registeredGateway(container) ?? createStripeGateway(this.options_)
    this.captureAmounts_ = captureAmountReader(container)
  }

  // ---------------------------------------------------------------- payment sessions

  async initiatePayment(input: InitiatePaymentInput): Promise<InitiatePaymentOutput> {
    const session = newSession(input, this.options_)
    // Every key the caller sent is answered, so the saved `{ ...callerData, ...answer }` holds only ours.
    const answer = (output: InitiatePaymentOutput): InitiatePaymentOutput => ({
      ...output,
      data: { ...callerKeysCleared(input.data), ...output.data },
    })
    if (session.adopt) return answer(adoptedSession(session, session.adopt))
    if (session.data.deferred) return answer(deferredSession(session))

    const { data } = session
    const params = paymentIntentParams(
      {
        amount: data.amount,
        currency: data.currency,
        payment_method: data.payment_method,
        customer: data.customer,
        receipt_email: session.receiptEmail,
        metadata: data.metadata,
        save_payment_method: data.save_payment_method,
        capture_method: data.capture_method,
        // off_session and MOTO are sent when the PaymentIntent is confirmed (authorizePayment).
      },
      this.options_
    )
    const key = idempotencyKey("initiate", input.context?.idempotency_key ?? data.session_id)
    const intent = await this.intents(data.stripe_account).create(params, key)
    return answer({
      id: intent.id,
      status: sessionStatusForPaymentIntent(intent),
      data: dataForPaymentIntent(intent, new SessionDataReader({ ...data })),
    })
  }

  async authorizePayment(input: AuthorizePaymentInput): Promise<AuthorizePaymentOutput> {
    const data = new SessionDataReader(input.data)
    if (data.deferred) return deferredStatus(data)
    if (data.adopted) return adoptedStatus(data)

    const intentId = this.requireIntentId(data, "authorize")
    const lastKnownStatus = data.string("status")
    let intent: Stripe.PaymentIntent
    if (data.string("payment_method") && (!lastKnownStatus || CONFIRMABLE_INTENT_STATUSES.has(lastKnownStatus))) {
      intent = await this.confirm(intentId, data, input.context?.idempotency_key)
      // A replayed confirmation returns its first answer; after 3-D Secure the intent has moved on.
      if (intent.status === "requires_action") intent = await this.retrieveIntent(intentId, data)
    } else {
      intent = await this.retrieveIntent(intentId, data)
    }
    return { status: sessionStatusForPaymentIntent(intent), data: dataForPaymentIntent(intent, data) }
  }

  async capturePayment(input: CapturePaymentInput): Promise<CapturePaymentOutput> {
    const data = new SessionDataReader(input.data)
    const intentId = this.requireIntentId(data, "capture")
    const captureId = input.context?.idempotency_key
    const requested = captureId && this.captureAmounts_ ? await this.captureAmounts_(captureId) : undefined
    if (capturedAtStripeAlready(data, requested)) return { data: data.raw }

    const intent = await this.retrieveIntent(intentId, data, ["latest_charge"])
    const plan = planCapture(intent, requested, captureId)
    if (plan.kind === "captured_already") return { data: dataForPaymentIntent(intent, data) }
    try {
      const captured = await this.intents(data.stripeAccount).capture(intent.id, plan.params, plan.key)
      return { data: dataForPaymentIntent(captured, data) }
    } catch (error) {
      const already = intentFromError(error)
      if (already?.status === "succeeded") return { data: dataForPaymentIntent(already, data) }
      throw error
    }
  }

  async refundPayment(input: RefundPaymentInput): Promise<RefundPaymentOutput> {
    const data = new SessionDataReader(input.data)
    const intentId = this.requireIntentId(data, "refund")
    const currency = normalizeCurrency(data.string("currency") ?? "")
    const amount = minorUnitsOf(input.amount, currency)
    const refundId = input.context?.idempotency_key
    const refunded = data.number("amount_refunded") ?? 0
    const refundIds = data.strings("refund_ids")
    // Money that already left in Stripe, being recorded by the plugin: nothing to ask Stripe.
    const recording = refundBeingRecorded(data, amount)
    if (recording) {
      const isNew = !refundIds.includes(recording.stripe_id)
      return {
        data: {
          ...data.raw,
          [REFUND_BEING_RECORDED_KEY]: null,
          refund_ids: isNew ? [...refundIds, recording.stripe_id] : refundIds,
          amount_refunded: refunded + (isNew ? amount : 0),
        },
      }
    }
    const key = refundId ? idempotencyKey("refund", refundId) : idempotencyKey("refund", intentId, refunded, amount)
    const params: Stripe.RefundCreateParams = {
      payment_intent: intentId,
      amount,
      metadata: stripeCollectMetadata(data.string("session_id"), { medusa_refund_id: refundId }),
    }
    try {
      const { refunds } = this.gateway_.onAccount(data.stripeAccount)
      const refund = await refunds.create(params, key)
      const isNew = !refundIds.includes(refund.id)
      return {
        data: {
          ...data.raw,
          refund_ids: isNew ? [...refundIds, refund.id] : refundIds,
          amount_refunded: refunded + (isNew ? refund.amount : 0),
        },
      }
    } catch (error) {
      // Refunded already (e.g. from Stripe's dashboard): what Medusa asks for is true at Stripe.
      if (isAlreadyRefunded(error)) return { data: data.raw }
      throw error
    }
  }

  async cancelPayment(input: CancelPaymentInput): Promise<CancelPaymentOutput> {
    const data = new SessionDataReader(input.data)
    const intentId = data.paymentIntentId
    // Links' Checkout Sessions are the link code's; money Stripe took is never given back automatically.
    if (data.deferred || keepsStripesMoney(data) || !intentId) return { data: data.raw }
    try {
      const key = idempotencyKey("cancel", input.context?.idempotency_key ?? intentId)
      const intent = await this.intents(data.stripeAccount).cancel(intentId, key)
      return { data: dataForPaymentIntent(intent, data) }
    } catch (error) {
      const intent = intentFromError(error)
      if (intent?.status === "canceled") return { data: dataForPaymentIntent(intent, data) }
      throw error
    }
  }

  async deletePayment(input: DeletePaymentInput): Promise<DeletePaymentOutput> {
    const data = new SessionDataReader(input.data)
    const status = data.string("status")
    // Only an unfinished PaymentIntent is canceled; a paid or canceled one is left as it is.
    if (data.deferred || keepsStripesMoney(data) || !data.paymentIntentId) return { data: data.raw }
    if (status && !CANCELABLE_INTENT_STATUSES.has(status)) return { data: data.raw }
    try {
      return await this.cancelPayment(input)
    } catch (error) {
      if (isPastCanceling(error)) return { data: data.raw }
      throw error
    }
  }

  async retrievePayment(input: RetrievePaymentInput): Promise<RetrievePaymentOutput> {
    const data = new SessionDataReader(input.data)
    if (data.deferred) return { data: data.raw }
    const intent = await this.retrieveIntent(this.requireIntentId(data, "retrieve"), data)
    return { data: dataForPaymentIntent(intent, data) }
  }

  async getPaymentStatus(input: GetPaymentStatusInput): Promise<GetPaymentStatusOutput> {
    const data = new SessionDataReader(input.data)
    if (data.deferred) return deferredStatus(data)
    if (data.adopted) return adoptedStatus(data)
    const intent = await this.retrieveIntent(this.requireIntentId(data, "read"), data)
    return { status: sessionStatusForPaymentIntent(intent), data: dataForPaymentIntent(intent, data) }
  }

  async updatePayment(input: UpdatePaymentInput): Promise<UpdatePaymentOutput> {
    const data = new SessionDataReader(input.data)
    const currency = normalizeCurrency(input.currency_code)
    const amount = minorUnitsOf(input.amount, currency)
    if (data.deferred) return deferredAmountChange(data, amount, currency)

    const intentId = data.paymentIntentId
    if (!intentId) return { data: { ...data.raw, currency, amount } }
    if (data.number("amount") === amount && data.string("currency") === currency) return { data: data.raw }
    const status = data.string("status")
    if (data.adopted || (status && !UPDATABLE_INTENT_STATUSES.has(status))) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `PaymentIntent ${intentId} is ${status ?? "paid"}; its amount can no longer change`
      )
    }
    const params = amountUpdateParams(amount, currency, data.string("payment_method") ?? null)
    const intent = await this.intents(data.stripeAccount).update(intentId, params, idempotencyKey("update", intentId, digest(params)))
    return { status: sessionStatusForPaymentIntent(intent), data: dataForPaymentIntent(intent, data) }
  }

  /** Verify once through the gateway (at the time of delivery), then the pure mapping. */
  async getWebhookActionAndData(payload: ProviderWebhookPayload["payload"]): Promise<WebhookActionResult> {
    const { rawBody, signature } = signedDelivery(payload)
    return webhookActionForEvent(this.gateway_.webhooks.verify(rawBody, signature, new Date()))
  }

  // ---------------------------------------------------------------- account holders and saved cards (customers.ts)

  async createAccountHolder(input: CreateAccountHolderInput): Promise<CreateAccountHolderOutput> {
    const context: StripeCollectContext = input.context
    return createCustomer(this.gateway_, this.options_, context)
  }

  async updateAccountHolder(input: UpdateAccountHolderInput): Promise<UpdateAccountHolderOutput> {
    const context: StripeCollectContext = input.context
    return updateCustomer(this.gateway_, this.options_, context)
  }

  async deleteAccountHolder(input: DeleteAccountHolderInput): Promise<DeleteAccountHolderOutput> {
    await deleteCustomer(this.gateway_, this.options_, input.context)
    return {}
  }

  async listPaymentMethods(input: ListPaymentMethodsInput): Promise<ListPaymentMethodsOutput> {
    const context: StripeCollectContext = input.context ?? {}
    return listSavedPaymentMethods(this.gateway_, this.options_, context)
  }

  async savePaymentMethod(input: SavePaymentMethodInput): Promise<SavePaymentMethodOutput> {
    const context: StripeCollectContext = input.context ?? {}
    return saveCard(this.gateway_, this.options_, context, paymentMethodOf(input.data?.payment_method))
  }

  async deletePaymentMethod(input: DeletePaymentMethodInput): Promise<DeletePaymentMethodOutput> {
    const paymentMethodId = input.data.id
    if (!paymentMethodId) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "Which card to delete is missing (data.id)")
    }
    const context: StripeCollectContext = input.context ?? {}
    await removeSavedCard(this.gateway_, this.options_, context, paymentMethodId)
    return {}
  }

  // ---------------------------------------------------------------- helpers

  /** The PaymentIntent calls on the session's own account. */
  protected intents(account: string | null | undefined): PaymentIntentsGateway {
    return this.gateway_.onAccount(account ?? undefined).paymentIntents
  }

  protected requireIntentId(data: SessionDataReader, doing: string): string {
    const id = data.paymentIntentId
    if (!id) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `Cannot ${doing} the payment: the session has no Stripe PaymentIntent`)
    }
    return id
  }

  protected retrieveIntent(id: string, data: SessionDataReader, expand: string[] = []): Promise<Stripe.PaymentIntent> {
    return this.intents(data.stripeAccount).retrieve(id, ["payment_method", ...expand])
  }

  protected async confirm(intentId: string, data: SessionDataReader, contextKey: string | undefined): Promise<Stripe.PaymentIntent> {
    const paymentMethod = data.string("payment_method") ?? null
    const params = confirmParams(
      {
        payment_method: paymentMethod,
        return_url: data.string("return_url") ?? null,
        off_session: data.flag("off_session"),
        moto: data.flag("moto"),
      },
      this.options_
    )
    const key = idempotencyKey("confirm", contextKey ?? data.string("session_id") ?? intentId, paymentMethod)
    try {
      return await this.intents(data.stripeAccount).confirm(intentId, params, key)
    } catch (error) {
      // Confirmed elsewhere already (Stripe.js, an earlier attempt): continue from its state.
      const moved = confirmedElsewhere(error, CONFIRMABLE_INTENT_STATUSES)
      if (moved) return moved
      if (stripeErrorDetails(error)?.code === "payment_intent_unexpected_state") {
        // Stripe did not attach the PaymentIntent to its refusal: read it, and go on if it has moved on.
        const current = await this.retrieveIntent(intentId, data)
        if (!CONFIRMABLE_INTENT_STATUSES.has(current.status)) return current
      }
      throw error
    }
  }
}

/** A gateway a test registered in the provider's container (`stripeCollectGateway`), else none. */
function registeredGateway(container: Record<string, unknown>): StripeGateway | undefined {
  try {
    // Awilix's cradle throws on unknown keys, so probe inside try.
    const candidate = container[STRIPE_GATEWAY_REGISTRATION]
    return isGateway(candidate) ? candidate : undefined
  } catch {
    return undefined
  }
}

function isGateway(value: unknown): value is StripeGateway {
  return (
    typeof value === "object" &&
    value !== null &&
    "onAccount" in value &&
    typeof value.onAccount === "function" &&
    "paymentIntents" in value &&
    "webhooks" in value
  )
}

export default StripeCollectProviderService
