// SetupIntents: save a card for later (off-session) payments, with declines and 3-D Secure.
import type Stripe from "stripe"
import { authorizeCard } from "../card-network"
import { invalidRequest, resourceMissing, StripeApiError, unexpectedState } from "../errors"
import { toJson } from "../expand"
import { newId, nowSeconds } from "../ids"
import { filterCreated, paginate } from "../list"
import { mergeMetadata, type Params } from "../params"
import type { StripeRoute } from "../route"
import type { Scope } from "../scope"
import { allowedTypesFrom, authenticationUrl, optionsOf, usableTypes } from "./payment-intents"
import { attachPaymentMethod, checkBelongsTo, checkReusable, createFromParams, resolvePaymentMethod } from "./payment-methods"
import { findCustomer, idOf } from "./shared"

const CONFIRMABLE: Stripe.SetupIntent.Status[] = ["requires_payment_method", "requires_confirmation", "requires_action"]
const CANCELABLE: Stripe.SetupIntent.Status[] = ["requires_payment_method", "requires_confirmation", "requires_action"]

export function findSetupIntent(scope: Scope, id: string): Stripe.SetupIntent {
  const intent = scope.data.setupIntents.get(id)
  if (!intent) throw resourceMissing("setupintent", id, "intent")
  return intent
}

function setPaymentMethod(scope: Scope, intent: Stripe.SetupIntent, params: Params): void {
  const id = params.string("payment_method")
  const data = params.object("payment_method_data")
  if (data) {
    intent.payment_method = createFromParams(scope, data, false).id
  } else if (id) {
    const pm = resolvePaymentMethod(scope, id)
    checkBelongsTo(pm, idOf(intent.customer))
    checkReusable(scope, pm)
    intent.payment_method = pm.id
  }
  const returnUrl = params.string("return_url")
  if (returnUrl) optionsOf(scope, intent.id).returnUrl = returnUrl
}

/** Runs the card check for a setup: succeeded (attached to the customer), declined, or requires_action. */
export function attemptSetup(scope: Scope, intent: Stripe.SetupIntent, authenticated: boolean): StripeApiError | undefined {
  const pm = scope.data.paymentMethods.get(idOf(intent.payment_method) ?? "")
  const cardState = pm ? scope.data.cards.get(pm.id) : undefined
  if (!pm || !cardState) throw invalidRequest("This SetupIntent has no usable payment method.", { param: "payment_method" })
  const returnUrl = scope.data.intentOptions.get(intent.id)?.returnUrl ?? null
  const authorization = authorizeCard(cardState, {
    purpose: "setup",
    offSession: false,
    authenticated,
    forceAuthentication: intent.payment_method_options?.card?.request_three_d_secure === "any",
  })
  intent.latest_attempt = newId.setupAttempt()
  if (authorization.result === "requires_authentication") {
    intent.status = "requires_action"
    const url = authenticationUrl(scope, intent.id)
    intent.next_action = returnUrl
      ? { type: "redirect_to_url", redirect_to_url: { return_url: returnUrl, url } }
      : {
          type: "use_stripe_sdk",
          use_stripe_sdk: { type: "three_d_secure_redirect", stripe_js: url, source: `src_${newId.fingerprint()}` },
        }
    scope.emit("setup_intent.requires_action", intent)
    return undefined
  }
  if (authorization.result === "declined") {
    const decline = authorization.decline
    intent.status = "requires_payment_method"
    intent.next_action = null
    intent.last_setup_error = {
      code: decline.code,
      decline_code: decline.decline_code,
      doc_url: `https://stripe.com/docs/error-codes/${decline.code.replace(/_/g, "-")}`,
      message: decline.message,
      payment_method: structuredClone(pm),
      type: "card_error",
    }
    intent.payment_method = null
    scope.emit("setup_intent.setup_failed", intent)
    return new StripeApiError(402, {
      type: "card_error",
      code: decline.code,
      decline_code: decline.decline_code,
      message: decline.message,
      doc_url: intent.last_setup_error.doc_url,
      setup_intent: toJson(intent),
      payment_method: toJson(pm),
    })
  }
  intent.status = "succeeded"
  intent.next_action = null
  intent.last_setup_error = null
  const customerId = idOf(intent.customer)
  const customer = customerId ? scope.data.customers.get(customerId) : undefined
  if (customer && !pm.customer) attachPaymentMethod(scope, pm, customer)
  if (intent.usage === "off_session") cardState.setUpForOffSession = true
  scope.emit("setup_intent.succeeded", intent)
  return undefined
}

function confirmSetup(scope: Scope, intent: Stripe.SetupIntent): Stripe.SetupIntent {
  if (!CONFIRMABLE.includes(intent.status)) {
    throw unexpectedState(
      "setup_intent_unexpected_state",
      `You cannot confirm this SetupIntent because it has a status of ${intent.status}. Only a SetupIntent with one of the following statuses may be confirmed: ${CONFIRMABLE.join(", ")}.`
    )
  }
  if (!intent.payment_method) {
    throw unexpectedState(
      "setup_intent_unexpected_state",
      "You cannot confirm this SetupIntent because it's missing a payment method. Update it with a payment method, or confirm it with one."
    )
  }
  const automatic = intent.automatic_payment_methods
  const mayRedirect = !intent.allowed_payment_method_types || intent.allowed_payment_method_types.some((t) => t !== "card")
  if (automatic?.enabled && automatic.allow_redirects !== "never" && mayRedirect && !scope.data.intentOptions.get(intent.id)?.returnUrl) {
    throw invalidRequest(
      "A `return_url` must be specified because this Setup Intent is configured to automatically accept the payment methods enabled in the Dashboard, some of which may require a full page redirect to succeed. If you do not want to accept redirect-based payment methods, set `automatic_payment_methods[enabled]` to `true` and `automatic_payment_methods[allow_redirects]` to `never` when creating Setup Intents and Payment Intents.",
      { param: "return_url" }
    )
  }
  const error = attemptSetup(scope, intent, false)
  if (error) throw error
  return intent
}

function createSetupIntent(scope: Scope, params: Params): Stripe.SetupIntent {
  const customerId = params.string("customer") ?? null
  if (customerId) findCustomer(scope, customerId)
  const types = allowedTypesFrom(params)
  const apm = params.object("automatic_payment_methods")
  const id = newId.setupIntent()
  const intent: Stripe.SetupIntent = {
    id,
    object: "setup_intent",
    allowed_payment_method_types: params.strings("allowed_payment_method_types").length ? types : null,
    application: null,
    automatic_payment_methods:
      types.length || apm?.boolean("enabled") === false
        ? null
        : { allow_redirects: apm?.string("allow_redirects") === "never" ? "never" : "always", enabled: true },
    cancellation_reason: null,
    client_secret: newId.clientSecret(id),
    created: nowSeconds(),
    customer: customerId,
    customer_account: null,
    description: params.string("description") ?? null,
    excluded_payment_method_types: null,
    flow_directions: null,
    last_setup_error: null,
    latest_attempt: null,
    livemode: false,
    mandate: null,
    metadata: mergeMetadata({}, params.metadata()),
    next_action: null,
    on_behalf_of: null,
    payment_method: null,
    payment_method_configuration_details: null,
    payment_method_options: {
      card: {
        mandate_options: null,
        network: null,
        request_three_d_secure: params.object("payment_method_options")?.object("card")?.string("request_three_d_secure") ?? "automatic",
      },
    },
    payment_method_types: usableTypes(types),
    single_use_mandate: null,
    status: "requires_payment_method",
    usage: params.string("usage") ?? "off_session",
  }
  scope.data.setupIntents.add(intent)
  scope.own(intent.id)
  scope.emit("setup_intent.created", intent)
  setPaymentMethod(scope, intent, params)
  if (intent.payment_method) intent.status = "requires_confirmation"
  if (params.boolean("confirm")) return confirmSetup(scope, intent)
  return intent
}

export const setupIntentRoutes: StripeRoute[] = [
  { method: "POST", template: "/v1/setup_intents", handler: ({ scope, params }) => createSetupIntent(scope, params) },
  { method: "GET", template: "/v1/setup_intents/{intent}", handler: ({ scope, path }) => findSetupIntent(scope, path.intent) },
  {
    method: "POST",
    template: "/v1/setup_intents/{intent}",
    handler: ({ scope, params, path }) => {
      const intent = findSetupIntent(scope, path.intent)
      if (params.has("metadata")) intent.metadata = mergeMetadata(intent.metadata ?? {}, params.metadata())
      if (params.has("description")) intent.description = params.nullableString("description") ?? null
      if (params.has("customer")) {
        const customerId = params.nullableString("customer") ?? null
        if (customerId) findCustomer(scope, customerId)
        intent.customer = customerId
      }
      if (params.has("payment_method") || params.has("payment_method_data")) {
        setPaymentMethod(scope, intent, params)
        if (CONFIRMABLE.includes(intent.status)) intent.status = "requires_confirmation"
      }
      return intent
    },
  },
  {
    method: "POST",
    template: "/v1/setup_intents/{intent}/confirm",
    handler: ({ scope, params, path }) => {
      const intent = findSetupIntent(scope, path.intent)
      setPaymentMethod(scope, intent, params)
      return confirmSetup(scope, intent)
    },
  },
  {
    method: "POST",
    template: "/v1/setup_intents/{intent}/cancel",
    handler: ({ scope, params, path }) => {
      const intent = findSetupIntent(scope, path.intent)
      if (!CANCELABLE.includes(intent.status)) {
        throw unexpectedState(
          "setup_intent_unexpected_state",
          `You cannot cancel this SetupIntent because it has a status of ${intent.status}. Only a SetupIntent with one of the following statuses may be canceled: ${CANCELABLE.join(", ")}.`
        )
      }
      intent.status = "canceled"
      intent.cancellation_reason = params.string("cancellation_reason") ?? null
      intent.next_action = null
      scope.emit("setup_intent.canceled", intent)
      return intent
    },
  },
  {
    method: "GET",
    template: "/v1/setup_intents",
    handler: ({ scope, params, url }) => {
      const customer = params.string("customer")
      const pm = params.string("payment_method")
      const items = scope.data.setupIntents
        .newestFirst()
        .filter((i) => (!customer || idOf(i.customer) === customer) && (!pm || idOf(i.payment_method) === pm))
      return paginate(filterCreated(items, params), params, url, "setupintent")
    },
  },
]
