// Checkout Sessions (mode=payment): create, retrieve, list, line items, expire; paid on the sandbox's hosted page.
import type Stripe from "stripe"
import { invalidRequest, parameterMissing, resourceMissing } from "../errors"
import { newId, nowSeconds } from "../ids"
import { filterCreated, paginate } from "../list"
import { formatAmount } from "../money"
import { checkMetadataLimits, mergeMetadata, type Params } from "../params"
import type { StripeRoute } from "../route"
import type { Scope } from "../scope"
import type { SandboxState } from "../state"
import { allowedTypesFrom, checkAmount, checkCurrency } from "./payment-intents"
import { checkEmail, findCustomer, idOf } from "./shared"
import { CHECKOUT_METHOD_TYPES, METHOD_CURRENCIES } from "../test-bank-accounts"

const MIN_LIFETIME = 30 * 60
const MAX_LIFETIME = 24 * 60 * 60

export function findSession(scope: Scope, id: string): Stripe.Checkout.Session {
  const session = scope.data.checkoutSessions.get(id)
  if (!session) throw resourceMissing("checkout.session", id, "session")
  return session
}

function checkUrl(value: string | undefined, param: string): void {
  if (value === undefined) return
  try {
    const url = new URL(value.replace("{CHECKOUT_SESSION_ID}", "cs"))
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("scheme")
  } catch {
    throw invalidRequest("Not a valid URL", { param })
  }
}

function lineItemsFrom(params: Params): Stripe.LineItem[] {
  const items = params.objects("line_items")
  if (items.length === 0)
    throw invalidRequest("`line_items` is required in `payment` mode.", { param: "line_items", code: "parameter_missing" })
  if (items.length > 100) throw invalidRequest("You may only specify up to 100 line items.", { param: "line_items" })
  return items.map((item, index) => {
    const param = `line_items[${index}]`
    const priceId = item.string("price")
    if (priceId) throw resourceMissing("price", priceId, `${param}[price]`)
    const priceData = item.object("price_data")
    if (!priceData) throw invalidRequest(`You must specify either \`price\` or \`price_data\` in ${param}.`, { param })
    const quantity = item.integer("quantity")
    if (quantity === undefined)
      throw invalidRequest(`Quantity is required. Add \`quantity\` to \`${param}\``, {
        param: `${param}[quantity]`,
        code: "parameter_missing",
      })
    if (quantity < 1) throw invalidRequest("Quantity must be greater than 0.", { param: `${param}[quantity]` })
    const currency = checkCurrency(priceData.string("currency") ?? "", `${param}[price_data][currency]`)
    const unitAmount =
      priceData.integer("unit_amount") ??
      (priceData.string("unit_amount_decimal") !== undefined ? Math.round(Number(priceData.string("unit_amount_decimal"))) : undefined)
    if (unitAmount === undefined) throw parameterMissing(`${param}[price_data][unit_amount]`)
    if (unitAmount < 0)
      throw invalidRequest("This value must be greater than or equal to 0.", { param: `${param}[price_data][unit_amount]` })
    const productData = priceData.object("product_data")
    const productId = priceData.string("product")
    if (productId) throw resourceMissing("product", productId, `${param}[price_data][product]`)
    if (!productData)
      throw invalidRequest(`You must specify either \`product\` or \`product_data\` when creating a price.`, {
        param: `${param}[price_data]`,
      })
    const price: Stripe.Price = {
      id: newId.price(),
      object: "price",
      active: false,
      billing_scheme: "per_unit",
      created: nowSeconds(),
      currency,
      custom_unit_amount: null,
      livemode: false,
      lookup_key: null,
      metadata: {},
      nickname: null,
      product: newId.product(),
      recurring: null,
      tax_behavior: priceData.string("tax_behavior") ?? "unspecified",
      tiers_mode: null,
      transform_quantity: null,
      type: "one_time",
      unit_amount: unitAmount,
      unit_amount_decimal: null,
    }
    const total = unitAmount * quantity
    return {
      id: newId.lineItem(),
      object: "item",
      adjustable_quantity: null,
      amount_discount: 0,
      amount_subtotal: total,
      amount_tax: 0,
      amount_total: total,
      currency,
      description: productData.string("name") ?? null,
      metadata: mergeMetadata({}, item.metadata()),
      price,
      quantity,
    }
  })
}

/**
 * What the hosted page offers: the allowed types (each must take the currency, as on Stripe), or with dynamic
 * payment methods every method the sandbox account "enabled" that takes the currency.
 */
function offeredMethodTypes(allowed: string[], currency: string): string[] {
  const takes = (type: string) => type === "card" || (METHOD_CURRENCIES[type] ?? []).includes(currency)
  if (!allowed.length) return CHECKOUT_METHOD_TYPES.filter(takes)
  const refused = allowed.find((type) => !takes(type))
  if (refused) {
    throw invalidRequest(`The payment method type \`${refused}\` cannot be used with currency \`${currency}\`.`, {
      param: "allowed_payment_method_types",
    })
  }
  return allowed
}

function createSession(scope: Scope, params: Params): Stripe.Checkout.Session {
  const mode = params.string("mode")
  if (!mode) throw parameterMissing("mode")
  if (mode !== "payment") throw invalidRequest(`The sandbox supports Checkout in \`payment\` mode only (got ${mode}).`, { param: "mode" })
  const successUrl = params.string("success_url")
  const cancelUrl = params.string("cancel_url")
  checkUrl(successUrl, "success_url")
  checkUrl(cancelUrl, "cancel_url")
  const customerId = params.string("customer") ?? null
  const customerEmail = params.string("customer_email") ?? null
  if (customerId && customerEmail) {
    throw invalidRequest("You may only specify one of these parameters: customer, customer_email.", {
      param: "customer_email",
      code: "parameters_exclusive",
    })
  }
  if (customerId) findCustomer(scope, customerId)
  const saveOption = params.object("saved_payment_method_options")?.string("payment_method_save") ?? null
  if (saveOption === "enabled" && !customerId) {
    throw invalidRequest("`saved_payment_method_options[payment_method_save]` requires a `customer`.", {
      param: "saved_payment_method_options[payment_method_save]",
    })
  }
  checkEmail(customerEmail, "customer_email")
  const types = allowedTypesFrom(params)
  const configuration = params.string("payment_method_configuration") ?? null
  if (configuration && types.length) {
    throw invalidRequest("You cannot pass `payment_method_configuration` together with `allowed_payment_method_types`.", {
      param: "payment_method_configuration",
    })
  }
  if (configuration && !/^pmc_[A-Za-z0-9]+$/.test(configuration)) {
    throw resourceMissing("payment_method_configuration", configuration, "payment_method_configuration")
  }
  const unknown = types.find((t) => !(CHECKOUT_METHOD_TYPES as readonly string[]).includes(t))
  if (unknown) {
    throw invalidRequest(
      `The sandbox's hosted Checkout page takes ${CHECKOUT_METHOD_TYPES.join(", ")}; \`${unknown}\` is not one of them.`,
      { param: "allowed_payment_method_types" }
    )
  }

  const lineItems = lineItemsFrom(params)
  const currency = lineItems[0].currency
  if (lineItems.some((li) => li.currency !== currency)) {
    throw invalidRequest("All line items must have the same currency.", { param: "line_items" })
  }
  const total = lineItems.reduce((sum, li) => sum + li.amount_total, 0)
  const offered = offeredMethodTypes(types, currency)
  try {
    checkAmount(total, currency, "line_items")
  } catch {
    throw invalidRequest(
      total > 0 && total < 99_999_999
        ? `The Checkout Session's total amount due must add up to at least ${formatAmount(50, currency)} ${currency}`
        : `The Checkout Session's total amount due must be no more than ${formatAmount(99_999_999, currency)}`,
      { param: "line_items" }
    )
  }
  const created = nowSeconds()
  const expiresAt = params.integer("expires_at") ?? created + MAX_LIFETIME
  if (expiresAt < created + MIN_LIFETIME) {
    throw invalidRequest("The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation.", { param: "expires_at" })
  }
  if (expiresAt > created + MAX_LIFETIME) {
    throw invalidRequest("The `expires_at` timestamp must be less than 24 hours from Checkout Session creation.", { param: "expires_at" })
  }
  const metadata = mergeMetadata({}, params.metadata())
  checkMetadataLimits(metadata)
  const intentData = params.object("payment_intent_data")
  if (intentData?.has("metadata")) checkMetadataLimits(mergeMetadata({}, intentData.metadata()), "payment_intent_data[metadata]")
  const id = newId.checkoutSession()
  const session: Stripe.Checkout.Session = {
    id,
    object: "checkout.session",
    adaptive_pricing: { enabled: false },
    after_expiration: null,
    allow_promotion_codes: null,
    allowed_payment_method_types: params.strings("allowed_payment_method_types").length ? types : null,
    amount_subtotal: total,
    amount_total: total,
    automatic_tax: { enabled: false, liability: null, provider: null, status: null },
    billing_address_collection: null,
    cancel_url: cancelUrl ?? null,
    client_reference_id: params.string("client_reference_id") ?? null,
    client_secret: null,
    collected_information: null,
    consent: null,
    consent_collection: null,
    created,
    currency,
    currency_conversion: null,
    custom_fields: [],
    custom_text: { after_submit: null, shipping_address: null, submit: null, terms_of_service_acceptance: null },
    customer: customerId,
    customer_account: null,
    customer_creation: customerId ? null : (params.string("customer_creation") ?? "if_required"),
    customer_details: customerEmail
      ? {
          address: null,
          business_name: null,
          email: customerEmail,
          individual_name: null,
          name: null,
          phone: null,
          tax_exempt: "none",
          tax_ids: null,
        }
      : null,
    customer_email: customerEmail,
    discounts: [],
    expires_at: expiresAt,
    integration_identifier: null,
    invoice: null,
    invoice_creation: null,
    livemode: false,
    locale: params.string("locale") ?? null,
    managed_payments: null,
    metadata,
    mode: "payment",
    origin_context: null,
    payment_intent: null,
    payment_link: null,
    payment_method_collection: "if_required",
    payment_method_configuration_details: types.length ? null : { id: configuration ?? "pmc_1SandboxDefault", parent: null },
    payment_method_options: { card: { request_three_d_secure: "automatic" } },
    payment_method_types: offered,
    payment_status: "unpaid",
    permissions: null,
    phone_number_collection: { enabled: false },
    recovered_from: null,
    saved_payment_method_options: saveOption
      ? {
          allow_redisplay_filters: ["always"],
          payment_method_remove: "disabled",
          payment_method_save: saveOption === "enabled" ? "enabled" : "disabled",
        }
      : null,
    setup_intent: null,
    shipping_address_collection: null,
    shipping_cost: null,
    shipping_options: [],
    status: "open",
    submit_type: params.string("submit_type") ?? null,
    subscription: null,
    success_url: successUrl ?? null,
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    ui_mode: "hosted_page",
    url: `${scope.core.publicUrl()}/checkout/${id}`,
    wallet_options: null,
  }
  scope.data.checkoutSessions.add(session)
  scope.data.checkoutLineItems.set(id, lineItems)
  scope.data.checkoutIntentData.set(id, {
    metadata: mergeMetadata({}, intentData?.metadata()),
    description: intentData?.string("description") ?? null,
    captureMethod: intentData?.string("capture_method") === "manual" ? "manual" : "automatic_async",
    setupFutureUsage: ((): "on_session" | "off_session" | null => {
      const sfu = intentData?.string("setup_future_usage")
      return sfu === "on_session" || sfu === "off_session" ? sfu : null
    })(),
    receiptEmail: intentData?.string("receipt_email") ?? null,
    statementDescriptor: intentData?.string("statement_descriptor") ?? null,
    statementDescriptorSuffix: intentData?.string("statement_descriptor_suffix") ?? null,
    applicationFeeAmount: intentData?.integer("application_fee_amount") ?? null,
    transferGroup: intentData?.string("transfer_group") ?? null,
  })
  scope.own(id)
  return session
}

/** Expires an open session (by API, or when expires_at passes); its unfinished PaymentIntent is canceled. */
export function expireSession(scope: Scope, session: Stripe.Checkout.Session): Stripe.Checkout.Session {
  if (session.status !== "open") {
    throw invalidRequest(`Only Checkout Sessions with a status in ["open"] can be expired (this one is ${session.status}).`, {
      param: "session",
    })
  }
  session.status = "expired"
  session.url = null
  const intent = scope.data.paymentIntents.get(idOf(session.payment_intent) ?? "")
  if (intent && intent.status !== "succeeded" && intent.status !== "canceled" && intent.status !== "requires_capture") {
    intent.status = "canceled"
    intent.canceled_at = nowSeconds()
    intent.cancellation_reason = "abandoned"
    scope.emit("payment_intent.canceled", intent)
  }
  scope.emit("checkout.session.expired", session)
  return session
}

/** Sessions whose expires_at passed become expired (with their event), as Stripe's scheduler does. */
export function sweepExpiredSessions(state: SandboxState, scopeFor: (accountId: string) => Scope): void {
  const now = nowSeconds()
  for (const data of state.allAccountData()) {
    for (const session of data.checkoutSessions.newestFirst()) {
      if (session.status === "open" && session.expires_at <= now) expireSession(scopeFor(data.accountId), session)
    }
  }
}

export const checkoutSessionRoutes: StripeRoute[] = [
  { method: "POST", template: "/v1/checkout/sessions", handler: ({ scope, params }) => createSession(scope, params) },
  { method: "GET", template: "/v1/checkout/sessions/{session}", handler: ({ scope, path }) => findSession(scope, path.session) },
  {
    method: "POST",
    template: "/v1/checkout/sessions/{session}",
    handler: ({ scope, params, path }) => {
      const session = findSession(scope, path.session)
      if (params.has("metadata")) session.metadata = mergeMetadata(session.metadata ?? {}, params.metadata())
      return session
    },
  },
  {
    method: "POST",
    template: "/v1/checkout/sessions/{session}/expire",
    handler: ({ scope, path }) => expireSession(scope, findSession(scope, path.session)),
  },
  {
    method: "GET",
    template: "/v1/checkout/sessions/{session}/line_items",
    handler: ({ scope, params, path, url }) => {
      findSession(scope, path.session)
      const items = [...(scope.data.checkoutLineItems.get(path.session) ?? [])].map((li, i) => ({ ...li, created: i }))
      const page = paginate(items, params, url, "line_item")
      return { ...page, data: page.data.map(({ created: _created, ...li }) => li) }
    },
  },
  {
    method: "GET",
    template: "/v1/checkout/sessions",
    handler: ({ scope, params, url }) => {
      const intent = params.string("payment_intent")
      const customer = params.string("customer")
      const status = params.string("status")
      const email = params.object("customer_details")?.string("email")
      const items = scope.data.checkoutSessions
        .newestFirst()
        .filter(
          (s) =>
            (!intent || idOf(s.payment_intent) === intent) &&
            (!customer || idOf(s.customer) === customer) &&
            (!status || s.status === status) &&
            (!email || s.customer_details?.email === email)
        )
      return paginate(filterCreated(items, params), params, url, "checkout.session")
    },
  },
]
