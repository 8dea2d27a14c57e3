// PaymentIntents: create, confirm (declines, 3-D Secure, off-session), capture, cancel, update, list, search.
import type Stripe from "stripe"
import { authorizeCard } from "../card-network"
import { invalidRequest, parameterMissing, StripeApiError, unexpectedState } from "../errors"
import { toJson } from "../expand"
import { newId, nowSeconds } from "../ids"
import { filterCreated, paginate } from "../list"
import { formatAmount, MAXIMUM_AMOUNT, minimumAmount, SUPPORTED_CURRENCIES } from "../money"
import { checkMetadataLimits, mergeMetadata, type Params } from "../params"
import type { StripeRoute } from "../route"
import type { Scope } from "../scope"
import { numericField, tokenField, type SearchableResource } from "../search/query-fields"
import { searchResult } from "../search/search-result"
import type { IntentOptions } from "../state"
import { disputeIfTestCardAsks } from "./disputes"
import { captureCharge, createCharge } from "./charges"
import { attachPaymentMethod, checkBelongsTo, checkReusable, createFromParams, resolvePaymentMethod } from "./payment-methods"
import { findCustomer, findPaymentIntent, idOf } from "./shared"

const CONFIRMABLE: Stripe.PaymentIntent.Status[] = ["requires_payment_method", "requires_confirmation", "requires_action"]
const CANCELABLE: Stripe.PaymentIntent.Status[] = [
  "requires_payment_method",
  "requires_capture",
  "requires_confirmation",
  "requires_action",
  "processing",
]

export function checkCurrency(currency: string, param = "currency"): string {
  const lower = currency.toLowerCase()
  if (!SUPPORTED_CURRENCIES.has(lower)) {
    throw invalidRequest(
      `Invalid currency: ${currency}. Stripe currently supports these currencies: ${Array.from(SUPPORTED_CURRENCIES).sort().join(", ")}`,
      { param }
    )
  }
  return lower
}

/** Stripe's minimum and maximum charge amounts (amount_too_small / amount_too_large). */
export function checkAmount(amount: number, currency: string, param = "amount"): void {
  const minimum = minimumAmount(currency)
  if (amount < minimum) {
    throw invalidRequest(`Amount must be at least ${formatAmount(minimum, currency)} ${currency}`, { code: "amount_too_small", param })
  }
  if (amount > MAXIMUM_AMOUNT) {
    throw invalidRequest(`Amount must be no more than ${formatAmount(MAXIMUM_AMOUNT, currency)}`, { code: "amount_too_large", param })
  }
}

/** Confirmation options of a PaymentIntent or SetupIntent, by id. */
export function optionsOf(scope: Scope, intentId: string): IntentOptions {
  let options = scope.data.intentOptions.get(intentId)
  if (!options) {
    options = { returnUrl: null, offSession: false, errorOnRequiresAction: false, moto: false }
    scope.data.intentOptions.set(intentId, options)
  }
  return options
}

function paymentMethodOptionsFrom(
  params: Params | undefined,
  current: Stripe.PaymentIntent.PaymentMethodOptions | null
): Stripe.PaymentIntent.PaymentMethodOptions {
  const card = params?.object("card")
  const base: Stripe.PaymentIntent.PaymentMethodOptions.Card = current?.card ?? {
    installments: null,
    mandate_options: null,
    network: null,
    request_three_d_secure: "automatic",
  }
  if (!card) return { card: base }
  const next: Stripe.PaymentIntent.PaymentMethodOptions.Card = { ...base }
  const request = card.string("request_three_d_secure")
  if (request === "any" || request === "automatic" || request === "challenge") next.request_three_d_secure = request
  if (card.string("capture_method") === "manual") next.capture_method = "manual"
  const multicapture = card.string("request_multicapture")
  if (multicapture === "if_available" || multicapture === "never") next.request_multicapture = multicapture
  return { card: next }
}

/** The PaymentMethod for this intent from `payment_method` or `payment_method_data`, checked against its customer. */
function paymentMethodFromParams(scope: Scope, params: Params, customerId: string | null): Stripe.PaymentMethod | undefined {
  const id = params.string("payment_method")
  const data = params.object("payment_method_data")
  if (id && data) throw invalidRequest("You cannot specify both payment_method and payment_method_data.", { param: "payment_method_data" })
  if (data) return createFromParams(scope, data, false)
  if (!id) return undefined
  const pm = resolvePaymentMethod(scope, id)
  checkBelongsTo(pm, customerId)
  checkReusable(scope, pm)
  return pm
}

function applyConfirmOptions(scope: Scope, intent: Stripe.PaymentIntent, params: Params): void {
  const options = optionsOf(scope, intent.id)
  const offSession = params.raw.off_session
  options.offSession = offSession === true || offSession === "one_off" || offSession === "recurring"
  const returnUrl = params.string("return_url")
  if (returnUrl) options.returnUrl = returnUrl
  options.errorOnRequiresAction = params.boolean("error_on_requires_action") ?? options.errorOnRequiresAction
  const moto = params.object("payment_method_options")?.object("card")?.boolean("moto")
  if (moto !== undefined) options.moto = moto
}

function checkConfirmPreconditions(scope: Scope, intent: Stripe.PaymentIntent): void {
  const options = optionsOf(scope, intent.id)
  if (!intent.payment_method) {
    throw unexpectedState(
      "payment_intent_unexpected_state",
      "You cannot confirm this PaymentIntent because it's missing a payment method. To confirm the PaymentIntent with " +
        `${intent.customer ? idOf(intent.customer) : "a customer"}, specify a payment method attached to this customer along with the customer ID.`
    )
  }
  if (options.offSession && intent.setup_future_usage === "on_session") {
    throw invalidRequest(
      "You cannot confirm with the `off_session` parameter when `setup_future_usage` is also set on the PaymentIntent because you cannot set up future usages when processing payments off-session.",
      { param: "off_session" }
    )
  }
  if (!intent.payment_method_types.includes("card")) {
    throw invalidRequest(
      `The PaymentMethod provided (card) is not allowed for this PaymentIntent. Please attach a PaymentMethod of one of the following types: ${(intent.allowed_payment_method_types ?? []).join(", ")}.`,
      { param: "payment_method" }
    )
  }
  const automatic = intent.automatic_payment_methods
  const mayRedirect = !intent.allowed_payment_method_types || intent.allowed_payment_method_types.some((t) => t !== "card")
  if (automatic?.enabled && automatic.allow_redirects !== "never" && mayRedirect && !options.returnUrl) {
    throw invalidRequest(
      "A `return_url` must be specified because this Payment Intent is configured to automatically accept the payment methods enabled in the Dashboard, some of which may require a full page redirect to succeed. If you do not want to accept redirect-based payment methods, set `automatic_payment_methods[enabled]` to `true` and `automatic_payment_methods[allow_redirects]` to `never` when creating Setup Intents and Payment Intents.",
      { param: "return_url" }
    )
  }
}

/** The page a customer completes 3-D Secure on (the sandbox's stand-in for the issuer's challenge). */
export const authenticationUrl = (scope: Scope, intentId: string) => `${scope.core.publicUrl()}/_sandbox/3ds/${intentId}`

export interface AttemptResult {
  intent: Stripe.PaymentIntent
  /** The card_error to answer with when the attempt was declined. */
  error?: StripeApiError
}

/**
 * One payment attempt with the intent's PaymentMethod: the network approves (charge, succeeded or
 * requires_capture), declines (failed charge, requires_payment_method, a card_error), or asks for 3-D Secure.
 */
export function attemptPayment(scope: Scope, intent: Stripe.PaymentIntent, authenticated: boolean): AttemptResult {
  const pmId = idOf(intent.payment_method)
  const pm = pmId ? scope.data.paymentMethods.get(pmId) : undefined
  const cardState = pm ? scope.data.cards.get(pm.id) : undefined
  if (!pm || !cardState) throw invalidRequest("This PaymentIntent has no usable payment method.", { param: "payment_method" })
  const options = optionsOf(scope, intent.id)
  const authorization = authorizeCard(cardState, {
    purpose: "payment",
    offSession: options.offSession,
    authenticated,
    forceAuthentication: intent.payment_method_options?.card?.request_three_d_secure === "any",
    exempt: options.moto,
  })

  if (authorization.result === "requires_authentication" && !options.errorOnRequiresAction) {
    intent.status = "requires_action"
    const url = authenticationUrl(scope, intent.id)
    intent.next_action = options.returnUrl
      ? { type: "redirect_to_url", redirect_to_url: { return_url: options.returnUrl, url } }
      : {
          type: "use_stripe_sdk",
          use_stripe_sdk: { type: "three_d_secure_redirect", stripe_js: url, source: `src_${newId.fingerprint()}` },
        }
    scope.emit("payment_intent.requires_action", intent)
    return { intent }
  }

  if (authorization.result !== "approved") {
    const decline =
      authorization.result === "declined"
        ? authorization.decline
        : {
            code: "authentication_required",
            decline_code: "authentication_required",
            message: "Your card was declined. This transaction requires authentication.",
            outcome: {
              network_status: "not_sent_to_network" as const,
              type: "invalid" as const,
              reason: "authentication_required",
              risk_level: "normal",
              seller_message: "The payment requires authentication.",
            },
          }
    const charge = createCharge(scope, {
      intent,
      paymentMethod: pm,
      card: cardState.card,
      capture: false,
      decline,
      authenticated,
      moto: options.moto,
    })
    scope.emit("charge.failed", charge)
    const error: Stripe.PaymentIntent.LastPaymentError = {
      advice_code: charge.outcome?.advice_code ?? undefined,
      charge: charge.id,
      code: decline.code,
      decline_code: decline.decline_code,
      doc_url: `https://stripe.com/docs/error-codes/${decline.code.replace(/_/g, "-")}`,
      message: decline.message,
      payment_method: structuredClone(pm),
      type: "card_error",
    }
    intent.status = "requires_payment_method"
    intent.last_payment_error = error
    intent.latest_charge = charge.id
    intent.payment_method = null
    intent.next_action = null
    scope.emit("payment_intent.payment_failed", intent)
    const body = toJson(error)
    return {
      intent,
      error: new StripeApiError(402, {
        type: "card_error",
        code: decline.code,
        decline_code: decline.decline_code,
        message: decline.message,
        charge: charge.id,
        doc_url: error.doc_url,
        advice_code: error.advice_code,
        request_log_url: `${scope.core.publicUrl()}/_sandbox/requests?id=${scope.request.id ?? ""}`,
        payment_intent: toJson(intent),
        payment_method: body.payment_method,
      }),
    }
  }

  const manual = intent.capture_method === "manual" || intent.payment_method_options?.card?.capture_method === "manual"
  // Every test card supports multicapture, so asking for it on a manual capture always makes it available.
  const multicapture = manual && intent.payment_method_options?.card?.request_multicapture === "if_available"
  const charge = createCharge(scope, {
    intent,
    paymentMethod: pm,
    card: cardState.card,
    capture: !manual,
    authenticated,
    moto: options.moto,
    multicapture,
  })
  intent.latest_charge = charge.id
  intent.last_payment_error = null
  intent.next_action = null
  const customerId = idOf(intent.customer)
  if (intent.setup_future_usage && customerId) {
    const customer = scope.data.customers.get(customerId)
    if (customer && !pm.customer) attachPaymentMethod(scope, pm, customer)
    cardState.setUpForOffSession = true
  } else if (!pm.customer) {
    // Stripe: a PaymentMethod used without a customer cannot be used again.
    cardState.spent = true
  }
  scope.emit("charge.succeeded", charge)
  if (manual) {
    intent.status = "requires_capture"
    intent.amount_capturable = intent.amount
    scope.emit("payment_intent.amount_capturable_updated", intent)
  } else {
    intent.status = "succeeded"
    intent.amount_received = intent.amount
    scope.emit("payment_intent.succeeded", intent)
    disputeIfTestCardAsks(scope, charge)
  }
  return { intent }
}

/** Confirms with the current PaymentMethod; a decline is thrown as Stripe's 402 card_error. */
export function confirmIntent(scope: Scope, intent: Stripe.PaymentIntent): Stripe.PaymentIntent {
  checkConfirmPreconditions(scope, intent)
  const result = attemptPayment(scope, intent, false)
  if (result.error) throw result.error
  return result.intent
}

/** The outcome of the 3-D Secure page: approve continues the payment, fail is payment_intent_authentication_failure. */
export function completeAuthentication(scope: Scope, intent: Stripe.PaymentIntent, approved: boolean): AttemptResult {
  if (intent.status !== "requires_action") return { intent }
  if (approved) return attemptPayment(scope, intent, true)
  const pm = intent.payment_method ? scope.data.paymentMethods.get(idOf(intent.payment_method) ?? "") : undefined
  intent.status = "requires_payment_method"
  intent.next_action = null
  intent.last_payment_error = {
    code: "payment_intent_authentication_failure",
    doc_url: "https://stripe.com/docs/error-codes/payment-intent-authentication-failure",
    message:
      "The provided PaymentMethod has failed authentication. You can provide payment_method_data or a new PaymentMethod to attempt to fulfill this PaymentIntent again.",
    payment_method: pm ? structuredClone(pm) : undefined,
    type: "invalid_request_error",
  }
  intent.payment_method = null
  scope.emit("payment_intent.payment_failed", intent)
  return { intent }
}

export interface NewIntent {
  amount: number
  currency: string
  customer: string | null
  description: string | null
  metadata: Record<string, string>
  captureMethod: Stripe.PaymentIntent.CaptureMethod
  allowedPaymentMethodTypes: string[] | null
  paymentMethodTypes: string[]
  automaticPaymentMethods: Stripe.PaymentIntent.AutomaticPaymentMethods | null
  receiptEmail: string | null
  setupFutureUsage: Stripe.PaymentIntent.SetupFutureUsage | null
  statementDescriptor: string | null
  statementDescriptorSuffix: string | null
  shipping: Stripe.PaymentIntent.Shipping | null
  applicationFeeAmount: number | null
  transferGroup: string | null
  paymentMethodOptions: Stripe.PaymentIntent.PaymentMethodOptions
}

export function buildIntent(scope: Scope, spec: NewIntent): Stripe.PaymentIntent {
  const id = newId.paymentIntent()
  const intent: Stripe.PaymentIntent = {
    id,
    object: "payment_intent",
    allowed_payment_method_types: spec.allowedPaymentMethodTypes,
    amount: spec.amount,
    amount_capturable: 0,
    amount_details: { tip: {} },
    amount_received: 0,
    application: null,
    application_fee_amount: spec.applicationFeeAmount,
    automatic_payment_methods: spec.automaticPaymentMethods,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: spec.captureMethod,
    client_secret: newId.clientSecret(id),
    confirmation_method: "automatic",
    created: nowSeconds(),
    currency: spec.currency,
    customer: spec.customer,
    customer_account: null,
    description: spec.description,
    excluded_payment_method_types: null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    managed_payments: null,
    metadata: spec.metadata,
    next_action: null,
    on_behalf_of: null,
    payment_method: null,
    payment_method_configuration_details: spec.automaticPaymentMethods ? { id: "pmc_1SandboxDefault", parent: null } : null,
    payment_method_options: spec.paymentMethodOptions,
    payment_method_types: spec.paymentMethodTypes,
    payment_record: null,
    processing: null,
    receipt_email: spec.receiptEmail,
    review: null,
    setup_future_usage: spec.setupFutureUsage,
    shipping: spec.shipping,
    source: null,
    statement_descriptor: spec.statementDescriptor,
    statement_descriptor_suffix: spec.statementDescriptorSuffix,
    status: "requires_payment_method",
    transfer_data: null,
    transfer_group: spec.transferGroup,
  }
  scope.data.paymentIntents.add(intent)
  scope.own(intent.id)
  scope.emit("payment_intent.created", intent)
  return intent
}

function shippingFrom(params: Params | undefined): Stripe.PaymentIntent.Shipping | null {
  if (!params) return null
  const address = params.object("address")
  return {
    address: {
      city: address?.string("city") ?? null,
      country: address?.string("country") ?? null,
      line1: address?.string("line1") ?? null,
      line2: address?.string("line2") ?? null,
      postal_code: address?.string("postal_code") ?? null,
      state: address?.string("state") ?? null,
    },
    carrier: params.string("carrier") ?? null,
    name: params.string("name") ?? "",
    phone: params.string("phone") ?? null,
    tracking_number: params.string("tracking_number") ?? null,
  }
}

/** Payment method types the intent may use: allowed_payment_method_types (2026-09-30+) or the older payment_method_types. */
export function allowedTypesFrom(params: Params): string[] {
  return [...params.strings("allowed_payment_method_types"), ...params.strings("payment_method_types")]
}

function automaticPaymentMethodsFrom(params: Params): Stripe.PaymentIntent.AutomaticPaymentMethods | null {
  const apm = params.object("automatic_payment_methods")
  const legacyTypes = params.strings("payment_method_types")
  if (apm && legacyTypes.length) {
    throw invalidRequest("You may only specify one of these parameters: automatic_payment_methods, payment_method_types.", {
      param: "automatic_payment_methods",
      code: "parameters_exclusive",
    })
  }
  if (!apm) {
    // Since 2023-08-16, intents default to automatic payment methods with redirects allowed, unless types are listed.
    return allowedTypesFrom(params).length ? null : { allow_redirects: "always", enabled: true }
  }
  if (apm.boolean("enabled") === false) return null
  const redirects = apm.string("allow_redirects")
  return { allow_redirects: redirects === "never" ? "never" : "always", enabled: true }
}

/** The types Stripe reports as usable: the sandbox processes cards only. */
export const usableTypes = (allowed: string[]) => (allowed.length ? allowed.filter((t) => t === "card") : ["card"])

function createIntent(scope: Scope, params: Params): Stripe.PaymentIntent {
  const amount = params.integer("amount")
  const rawCurrency = params.string("currency")
  if (amount === undefined) throw parameterMissing("amount")
  if (!rawCurrency) throw parameterMissing("currency")
  const currency = checkCurrency(rawCurrency)
  checkAmount(amount, currency)
  const customerId = params.string("customer") ?? null
  if (customerId) findCustomer(scope, customerId)
  const confirm = params.boolean("confirm") === true
  if (params.has("off_session") && !confirm) {
    throw invalidRequest("You can only pass `off_session` when `confirm` is true.", { param: "off_session" })
  }
  const applicationFee = params.integer("application_fee_amount") ?? null
  if (applicationFee !== null && !scope.connectedAccountId) {
    throw invalidRequest(
      "Can only apply an application_fee_amount when the PaymentIntent is attempting a direct payment (using an OAuth key or Stripe-Account header) or destination payment (using `transfer_data[destination]`).",
      { param: "application_fee_amount" }
    )
  }
  const metadata = mergeMetadata({}, params.metadata())
  checkMetadataLimits(metadata)
  const types = allowedTypesFrom(params)
  const captureMethod = params.string("capture_method") ?? "automatic_async"
  const setupFutureUsage = params.string("setup_future_usage")
  const pm = paymentMethodFromParams(scope, params, customerId)
  const intent = buildIntent(scope, {
    amount,
    currency,
    customer: customerId,
    description: params.string("description") ?? null,
    metadata,
    captureMethod: captureMethod,
    allowedPaymentMethodTypes: params.strings("allowed_payment_method_types").length ? types : null,
    paymentMethodTypes: usableTypes(types),
    automaticPaymentMethods: automaticPaymentMethodsFrom(params),
    receiptEmail: params.string("receipt_email") ?? null,
    setupFutureUsage: setupFutureUsage === "on_session" || setupFutureUsage === "off_session" ? setupFutureUsage : null,
    statementDescriptor: params.string("statement_descriptor") ?? null,
    statementDescriptorSuffix: params.string("statement_descriptor_suffix") ?? null,
    shipping: shippingFrom(params.object("shipping")),
    applicationFeeAmount: applicationFee,
    transferGroup: params.string("transfer_group") ?? null,
    paymentMethodOptions: paymentMethodOptionsFrom(params.object("payment_method_options"), null),
  })
  if (pm) {
    intent.payment_method = pm.id
    intent.status = "requires_confirmation"
  }
  applyConfirmOptions(scope, intent, params)
  if (confirm) return confirmIntent(scope, intent)
  return intent
}

function confirmFromParams(scope: Scope, intent: Stripe.PaymentIntent, params: Params): Stripe.PaymentIntent {
  if (!CONFIRMABLE.includes(intent.status)) {
    throw unexpectedState(
      "payment_intent_unexpected_state",
      `You cannot confirm this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be confirmed: ${CONFIRMABLE.join(", ")}.`
    )
  }
  const pm = paymentMethodFromParams(scope, params, idOf(intent.customer))
  if (pm) intent.payment_method = pm.id
  if (params.has("receipt_email")) intent.receipt_email = params.nullableString("receipt_email") ?? null
  const sfu = params.nullableString("setup_future_usage")
  if (sfu !== undefined) intent.setup_future_usage = sfu === "on_session" || sfu === "off_session" ? sfu : null
  const captureMethod = params.string("capture_method")
  if (captureMethod) intent.capture_method = captureMethod
  if (params.has("payment_method_options"))
    intent.payment_method_options = paymentMethodOptionsFrom(params.object("payment_method_options"), intent.payment_method_options)
  if (params.has("shipping")) intent.shipping = shippingFrom(params.object("shipping"))
  applyConfirmOptions(scope, intent, params)
  return confirmIntent(scope, intent)
}

function captureIntent(scope: Scope, intent: Stripe.PaymentIntent, params: Params): Stripe.PaymentIntent {
  if (intent.status !== "requires_capture") {
    throw unexpectedState(
      "payment_intent_unexpected_state",
      `This PaymentIntent could not be captured because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.`
    )
  }
  const amount = params.integer("amount_to_capture") ?? intent.amount_capturable
  if (amount > intent.amount_capturable) {
    throw invalidRequest(
      `The amount to capture (${amount}) must be less than or equal to the amount capturable (${intent.amount_capturable}).`,
      { param: "amount_to_capture", code: "amount_too_large" }
    )
  }
  if (amount < 1) throw invalidRequest("The amount to capture must be a positive integer.", { param: "amount_to_capture" })
  const chargeId = idOf(intent.latest_charge)
  const charge = chargeId ? scope.data.charges.get(chargeId) : undefined
  if (!charge) throw invalidRequest("This PaymentIntent has no charge to capture.")
  const keepsRest = params.boolean("final_capture") === false
  if (keepsRest && charge.payment_method_details?.card?.multicapture?.status !== "available") {
    throw invalidRequest("You can only set `final_capture` to false when multicapture is available for this PaymentIntent.", {
      param: "final_capture",
    })
  }
  if (params.has("metadata")) intent.metadata = mergeMetadata(intent.metadata, params.metadata())
  // Multicapture: a non-final capture that leaves something authorized keeps the intent capturable.
  if (keepsRest && amount < intent.amount_capturable) {
    const chargeBefore = {
      amount_captured: charge.amount_captured,
      captured: charge.captured,
      balance_transaction: charge.balance_transaction,
    }
    const intentBefore = { amount_capturable: intent.amount_capturable, amount_received: intent.amount_received }
    captureCharge(scope, charge, amount, false)
    intent.amount_capturable -= amount
    intent.amount_received += amount
    scope.emit("charge.updated", charge, chargeBefore)
    scope.emit("payment_intent.amount_capturable_updated", intent, intentBefore)
    return intent
  }
  captureCharge(scope, charge, amount, true)
  intent.amount_capturable = 0
  intent.amount_received += amount
  intent.status = "succeeded"
  scope.emit("charge.captured", charge)
  scope.emit("payment_intent.succeeded", intent)
  disputeIfTestCardAsks(scope, charge)
  return intent
}

function cancelIntent(scope: Scope, intent: Stripe.PaymentIntent, params: Params): Stripe.PaymentIntent {
  if (!CANCELABLE.includes(intent.status)) {
    throw unexpectedState(
      "payment_intent_unexpected_state",
      `You cannot cancel this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be canceled: ${CANCELABLE.join(", ")}.`
    )
  }
  if (intent.status === "requires_capture") {
    const charge = scope.data.charges.get(idOf(intent.latest_charge) ?? "")
    if (charge) {
      // The authorization (what multicapture has not captured yet) is released; Stripe shows it as refunded.
      const released = charge.amount - charge.amount_captured
      charge.amount_refunded = released
      charge.refunded = charge.amount_captured === 0
      scope.data.releasedAmounts.set(charge.id, released)
    }
  }
  intent.status = "canceled"
  intent.canceled_at = nowSeconds()
  intent.cancellation_reason = params.string("cancellation_reason") ?? null
  intent.amount_capturable = 0
  intent.next_action = null
  scope.emit("payment_intent.canceled", intent)
  return intent
}

const ALWAYS_UPDATABLE = new Set(["metadata", "description", "receipt_email", "shipping", "expand"])
const UPDATABLE_STATES: Stripe.PaymentIntent.Status[] = ["requires_payment_method", "requires_confirmation", "requires_action"]

function updateIntent(scope: Scope, intent: Stripe.PaymentIntent, params: Params): Stripe.PaymentIntent {
  if (!UPDATABLE_STATES.includes(intent.status)) {
    const blocked = Object.keys(params.raw).find((k) => !ALWAYS_UPDATABLE.has(k))
    if (blocked) {
      throw unexpectedState(
        "payment_intent_unexpected_state",
        `This PaymentIntent's ${blocked} could not be updated because it has a status of ${intent.status}. You may only update the ${blocked} of a PaymentIntent with one of the following statuses: ${UPDATABLE_STATES.join(", ")}.`
      )
    }
  }
  const currency = params.string("currency") ? checkCurrency(params.string("currency") ?? "") : intent.currency
  const amount = params.integer("amount") ?? intent.amount
  if (params.has("amount") || params.has("currency")) checkAmount(amount, currency)
  intent.amount = amount
  intent.currency = currency
  if (params.has("customer")) {
    const customerId = params.nullableString("customer") ?? null
    if (customerId) findCustomer(scope, customerId)
    intent.customer = customerId
  }
  if (params.has("metadata")) {
    intent.metadata = mergeMetadata(intent.metadata, params.metadata())
    checkMetadataLimits(intent.metadata)
  }
  if (params.has("description")) intent.description = params.nullableString("description") ?? null
  if (params.has("receipt_email")) intent.receipt_email = params.nullableString("receipt_email") ?? null
  if (params.has("shipping")) intent.shipping = shippingFrom(params.object("shipping"))
  if (params.has("capture_method")) intent.capture_method = params.string("capture_method") ?? "automatic_async"
  if (params.has("setup_future_usage")) {
    const sfu = params.nullableString("setup_future_usage")
    intent.setup_future_usage = sfu === "on_session" || sfu === "off_session" ? sfu : null
  }
  if (params.has("statement_descriptor")) intent.statement_descriptor = params.nullableString("statement_descriptor") ?? null
  if (params.has("statement_descriptor_suffix"))
    intent.statement_descriptor_suffix = params.nullableString("statement_descriptor_suffix") ?? null
  if (params.has("transfer_group")) intent.transfer_group = params.nullableString("transfer_group") ?? null
  if (params.has("application_fee_amount")) intent.application_fee_amount = params.integer("application_fee_amount") ?? null
  if (params.has("payment_method_options")) {
    intent.payment_method_options = paymentMethodOptionsFrom(params.object("payment_method_options"), intent.payment_method_options)
    const moto = params.object("payment_method_options")?.object("card")?.boolean("moto")
    if (moto !== undefined) optionsOf(scope, intent.id).moto = moto
  }
  if (params.has("allowed_payment_method_types") || params.has("payment_method_types")) {
    const types = allowedTypesFrom(params)
    intent.allowed_payment_method_types = params.has("allowed_payment_method_types") ? types : intent.allowed_payment_method_types
    intent.payment_method_types = usableTypes(types)
  }
  if (params.has("payment_method") || params.has("payment_method_data")) {
    const pm = paymentMethodFromParams(scope, params, idOf(intent.customer))
    intent.payment_method = pm?.id ?? null
  }
  if (UPDATABLE_STATES.includes(intent.status)) {
    intent.next_action = null
    intent.status = intent.payment_method ? "requires_confirmation" : "requires_payment_method"
  }
  return intent
}

/** Stripe's query fields for PaymentIntents (https://docs.stripe.com/search#query-fields-for-payment-intents). */
const searchablePaymentIntents: SearchableResource<Stripe.PaymentIntent> = {
  name: "payment_intents",
  fields: {
    amount: numericField((i) => i.amount),
    created: numericField((i) => i.created),
    currency: tokenField((i) => i.currency),
    customer: tokenField((i) => idOf(i.customer)),
    status: tokenField((i) => i.status),
  },
  metadata: (i) => i.metadata,
}

export const paymentIntentRoutes: StripeRoute[] = [
  { method: "POST", template: "/v1/payment_intents", handler: ({ scope, params }) => createIntent(scope, params) },
  {
    method: "GET",
    template: "/v1/payment_intents/search",
    handler: ({ scope, params, url }) => searchResult(scope.data.paymentIntents.newestFirst(), params, url, searchablePaymentIntents),
  },
  {
    method: "GET",
    template: "/v1/payment_intents/{intent}",
    handler: ({ scope, path }) => findPaymentIntent(scope, path.intent, "intent"),
  },
  {
    method: "POST",
    template: "/v1/payment_intents/{intent}",
    handler: ({ scope, params, path }) => updateIntent(scope, findPaymentIntent(scope, path.intent, "intent"), params),
  },
  {
    method: "POST",
    template: "/v1/payment_intents/{intent}/confirm",
    handler: ({ scope, params, path }) => confirmFromParams(scope, findPaymentIntent(scope, path.intent, "intent"), params),
  },
  {
    method: "POST",
    template: "/v1/payment_intents/{intent}/capture",
    handler: ({ scope, params, path }) => captureIntent(scope, findPaymentIntent(scope, path.intent, "intent"), params),
  },
  {
    method: "POST",
    template: "/v1/payment_intents/{intent}/cancel",
    handler: ({ scope, params, path }) => cancelIntent(scope, findPaymentIntent(scope, path.intent, "intent"), params),
  },
  {
    method: "GET",
    template: "/v1/payment_intents",
    handler: ({ scope, params, url }) => {
      const customer = params.string("customer")
      const items = scope.data.paymentIntents.newestFirst().filter((i) => !customer || idOf(i.customer) === customer)
      return paginate(filterCreated(items, params), params, url, "payment_intent")
    },
  },
]
