// PaymentMethods: test cards by magic id, token or number; attach, detach, list, retrieve, update.
import { createHash } from "crypto"
import type Stripe from "stripe"
import { StripeApiError, invalidRequest, parameterMissing, resourceMissing } from "../errors"
import { toJson } from "../expand"
import { newId, nowSeconds } from "../ids"
import { filterCreated, paginate } from "../list"
import { mergeMetadata, type Params } from "../params"
import type { StripeRoute } from "../route"
import type { Scope } from "../scope"
import { cardForAlias, cardForNumber, displayBrand, isMagicPaymentMethod, isTestToken, type TestCard } from "../test-cards"
import { addressFrom, emptyAddress, findCustomer } from "./shared"

/** Stable per card number, like Stripe's fingerprints within one account. */
const fingerprintOf = (number: string) =>
  createHash("sha256")
    .update(number)
    .digest("base64")
    .replace(/[^A-Za-z0-9]/g, "")
    .slice(0, 16)

export interface CardDetails {
  expMonth?: number
  expYear?: number
  billingDetails?: Stripe.PaymentMethod.BillingDetails
  metadata?: Record<string, string>
  /** Where the card came from: a typed number checks the CVC, tokens and magic ids do not. */
  cvcChecked?: boolean
}

export function createCardPaymentMethod(scope: Scope, card: TestCard, details: CardDetails = {}): Stripe.PaymentMethod {
  const expYear = details.expYear ?? new Date().getUTCFullYear() + 3
  const pm: Stripe.PaymentMethod = {
    id: newId.paymentMethod(),
    object: "payment_method",
    allow_redisplay: "unspecified",
    billing_details: details.billingDetails ?? { address: emptyAddress(), email: null, name: null, phone: null, tax_id: null },
    card: {
      brand: card.brand,
      checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: details.cvcChecked ? "pass" : null },
      country: card.country,
      display_brand: displayBrand[card.brand],
      exp_month: details.expMonth ?? 12,
      exp_year: expYear < 100 ? 2000 + expYear : expYear,
      fingerprint: fingerprintOf(card.number),
      funding: card.funding,
      generated_from: null,
      last4: card.number.slice(-4),
      networks: { available: [card.brand], preferred: null },
      regulated_status: "unregulated",
      three_d_secure_usage: { supported: true },
      wallet: null,
    },
    created: nowSeconds(),
    customer: null,
    customer_account: null,
    livemode: false,
    metadata: details.metadata ?? {},
    type: "card",
  }
  scope.data.paymentMethods.add(pm)
  scope.data.cards.set(pm.id, { card, setUpForOffSession: false, spent: false })
  return pm
}

/**
 * The PaymentMethod an id names: an existing one, or a fresh one for a magic test id (pm_card_visa) or
 * test token (tok_visa), as Stripe creates a new PaymentMethod each time a magic id is used.
 */
export function resolvePaymentMethod(scope: Scope, id: string, param = "payment_method"): Stripe.PaymentMethod {
  const existing = scope.data.paymentMethods.get(id)
  if (existing) return existing
  const card = cardForAlias(id)
  if (card && (isMagicPaymentMethod(id) || isTestToken(id))) return createCardPaymentMethod(scope, card)
  throw resourceMissing("PaymentMethod", id, param)
}

export function cardOf(scope: Scope, pm: Stripe.PaymentMethod): TestCard {
  const state = scope.data.cards.get(pm.id)
  if (!state) throw invalidRequest(`The PaymentMethod ${pm.id} is not a card the sandbox knows.`, { param: "payment_method" })
  return state.card
}

/** Stripe refuses PaymentMethods used once without a customer, or detached. */
export function checkReusable(scope: Scope, pm: Stripe.PaymentMethod, param = "payment_method"): void {
  if (scope.data.cards.get(pm.id)?.spent) {
    throw invalidRequest(
      `The provided PaymentMethod was previously used with a PaymentIntent without Customer attachment, shared with a connected account without Customer attachment, or was detached from a Customer. It may not be used again. To use a PaymentMethod multiple times, you must attach it to a Customer first.`,
      { param }
    )
  }
}

/** A PaymentMethod attached to a customer can only be used with that customer. */
export function checkBelongsTo(pm: Stripe.PaymentMethod, customerId: string | null, param = "payment_method"): void {
  const owner = typeof pm.customer === "string" ? pm.customer : (pm.customer?.id ?? null)
  if (owner && owner !== customerId) {
    throw invalidRequest(
      customerId
        ? `The provided PaymentMethod belongs to a different Customer. Please provide the ID of the Customer (${owner}) this PaymentMethod is attached to.`
        : `The provided PaymentMethod belongs to a Customer, but you did not provide a Customer. Please provide the ID of the Customer (${owner}) this PaymentMethod is attached to.`,
      { param }
    )
  }
}

/** Card declines are checked when attaching, as Stripe verifies the card (except 4000 0000 0000 0341). */
export function attachPaymentMethod(scope: Scope, pm: Stripe.PaymentMethod, customer: Stripe.Customer): Stripe.PaymentMethod {
  const owner = typeof pm.customer === "string" ? pm.customer : (pm.customer?.id ?? null)
  if (owner === customer.id) return pm
  if (owner)
    throw invalidRequest("The payment method you provided has already been attached to a customer.", {
      param: "payment_method",
      code: "payment_method_unexpected_state",
    })
  checkReusable(scope, pm)
  const state = scope.data.cards.get(pm.id)
  if (state?.card.decline && !state.card.declinesOnlyWhenCharged) {
    const decline = state.card.decline
    throw new StripeApiError(402, {
      type: "card_error",
      code: decline.code,
      decline_code: decline.decline_code,
      message: decline.message,
      param: "",
      doc_url: `https://stripe.com/docs/error-codes/${decline.code.replace(/_/g, "-")}`,
    })
  }
  pm.customer = customer.id
  scope.emit("payment_method.attached", pm)
  return pm
}

export function detachPaymentMethod(scope: Scope, pm: Stripe.PaymentMethod): Stripe.PaymentMethod {
  if (!pm.customer) {
    throw invalidRequest("The payment method you provided is not attached to a customer so detachment is impossible.", {
      code: "payment_method_unexpected_state",
    })
  }
  const previous = pm.customer
  pm.customer = null
  const state = scope.data.cards.get(pm.id)
  if (state) state.spent = true
  for (const customer of scope.data.customers.newestFirst()) {
    if (customer.invoice_settings.default_payment_method === pm.id) customer.invoice_settings.default_payment_method = null
  }
  scope.emit("payment_method.detached", pm, { customer: previous })
  return pm
}

function billingDetailsFrom(
  params: Params | undefined,
  current?: Stripe.PaymentMethod.BillingDetails
): Stripe.PaymentMethod.BillingDetails {
  const base = current ?? { address: emptyAddress(), email: null, name: null, phone: null, tax_id: null }
  if (!params) return base
  return {
    address: params.has("address") ? (addressFrom(params.object("address")) ?? emptyAddress()) : base.address,
    email: params.has("email") ? (params.nullableString("email") ?? null) : base.email,
    name: params.has("name") ? (params.nullableString("name") ?? null) : base.name,
    phone: params.has("phone") ? (params.nullableString("phone") ?? null) : base.phone,
    tax_id: base.tax_id,
  }
}

/** Creates a card PaymentMethod from `card[token]`, or `card[number]` (Stripe.js with a publishable key, or the hosted pages). */
export function createFromParams(scope: Scope, params: Params, allowNumbers: boolean): Stripe.PaymentMethod {
  const type = params.string("type")
  const cardParams = params.object("card")
  if (!type) throw parameterMissing("type")
  if (type !== "card") throw invalidRequest(`The sandbox only supports card PaymentMethods (got ${type}).`, { param: "type" })
  if (!cardParams) throw parameterMissing("card")
  const details: CardDetails = {
    billingDetails: billingDetailsFrom(params.object("billing_details")),
    metadata: mergeMetadata({}, params.metadata()),
  }
  const token = cardParams.string("token")
  if (token) {
    const card = cardForAlias(token)
    if (!card || !isTestToken(token)) throw resourceMissing("token", token, "card[token]")
    return createCardPaymentMethod(scope, card, details)
  }
  const number = cardParams.string("number") ?? ""
  if (!allowNumbers) {
    throw new StripeApiError(402, {
      type: "card_error",
      message:
        "Sending credit card numbers directly to the Stripe API is generally unsafe. We suggest you use test tokens that map to the test card you are using, see https://stripe.com/docs/testing. To enable testing raw card data APIs, see https://support.stripe.com/questions/enabling-access-to-raw-card-data-apis.",
    })
  }
  const card = cardForNumber(number)
  if (!card)
    throw new StripeApiError(402, {
      type: "card_error",
      code: "incorrect_number",
      message: "Your card number is incorrect.",
      param: "card[number]",
    })
  const expMonth = cardParams.integer("exp_month")
  const expYear = cardParams.integer("exp_year")
  if (expMonth === undefined || expMonth < 1 || expMonth > 12)
    throw new StripeApiError(402, {
      type: "card_error",
      code: "invalid_expiry_month",
      message: "Your card's expiration month is invalid.",
      param: "card[exp_month]",
    })
  const fullYear = expYear === undefined ? 0 : expYear < 100 ? 2000 + expYear : expYear
  const now = new Date()
  if (fullYear < now.getUTCFullYear() || (fullYear === now.getUTCFullYear() && expMonth < now.getUTCMonth() + 1)) {
    throw new StripeApiError(402, {
      type: "card_error",
      code: "invalid_expiry_year",
      message: "Your card's expiration year is invalid.",
      param: "card[exp_year]",
    })
  }
  return createCardPaymentMethod(scope, card, { ...details, expMonth, expYear: fullYear, cvcChecked: Boolean(cardParams.string("cvc")) })
}

const findExisting = (scope: Scope, id: string) => {
  const pm = scope.data.paymentMethods.get(id)
  if (pm) return pm
  // Retrieving a magic id works on Stripe too: it yields a new PaymentMethod for that test card.
  return resolvePaymentMethod(scope, id)
}

export const paymentMethodRoutes: StripeRoute[] = [
  {
    method: "POST",
    template: "/v1/payment_methods",
    publishable: true,
    handler: ({ scope, params, apiKey }) => createFromParams(scope, params, apiKey.startsWith("pk_test_")),
  },
  {
    method: "GET",
    template: "/v1/payment_methods/{payment_method}",
    handler: ({ scope, path }) => findExisting(scope, path.payment_method),
  },
  {
    method: "POST",
    template: "/v1/payment_methods/{payment_method}",
    handler: ({ scope, params, path }) => {
      const pm = findExisting(scope, path.payment_method)
      const previous = toJson(pm)
      if (params.has("billing_details")) pm.billing_details = billingDetailsFrom(params.object("billing_details"), pm.billing_details)
      if (params.has("metadata")) pm.metadata = mergeMetadata(pm.metadata ?? {}, params.metadata())
      const card = params.object("card")
      if (card && pm.card) {
        pm.card.exp_month = card.integer("exp_month") ?? pm.card.exp_month
        pm.card.exp_year = card.integer("exp_year") ?? pm.card.exp_year
      }
      scope.emit("payment_method.updated", pm, { billing_details: previous.billing_details, metadata: previous.metadata })
      return pm
    },
  },
  {
    method: "GET",
    template: "/v1/payment_methods",
    handler: ({ scope, params, url }) => {
      const customer = params.string("customer")
      const type = params.string("type")
      if (customer) findCustomer(scope, customer)
      const items = scope.data.paymentMethods
        .newestFirst()
        .filter((pm) => (customer ? pm.customer === customer : true) && (!type || pm.type === type))
      return paginate(filterCreated(items, params), params, url, "PaymentMethod")
    },
  },
  {
    method: "POST",
    template: "/v1/payment_methods/{payment_method}/attach",
    handler: ({ scope, params, path }) => {
      const customerId = params.string("customer")
      if (!customerId) throw parameterMissing("customer")
      const customer = findCustomer(scope, customerId)
      return attachPaymentMethod(scope, resolvePaymentMethod(scope, path.payment_method), customer)
    },
  },
  {
    method: "POST",
    template: "/v1/payment_methods/{payment_method}/detach",
    handler: ({ scope, path }) => detachPaymentMethod(scope, findExisting(scope, path.payment_method)),
  },
  {
    method: "GET",
    template: "/v1/customers/{customer}/payment_methods",
    handler: ({ scope, params, path, url }) => {
      findCustomer(scope, path.customer)
      const type = params.string("type")
      const items = scope.data.paymentMethods.newestFirst().filter((pm) => pm.customer === path.customer && (!type || pm.type === type))
      return paginate(items, params, url, "PaymentMethod")
    },
  },
  {
    method: "GET",
    template: "/v1/customers/{customer}/payment_methods/{payment_method}",
    handler: ({ scope, path }) => {
      findCustomer(scope, path.customer)
      const pm = scope.data.paymentMethods.get(path.payment_method)
      if (!pm || pm.customer !== path.customer) throw resourceMissing("PaymentMethod", path.payment_method)
      return pm
    },
  },
]
