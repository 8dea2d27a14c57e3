// Whole Stripe objects (stripe-node 23's types, API 2026-10-28) as the fake gateway hands them out.
import type Stripe from "stripe"
import type { FakeCard } from "./test-cards"

const now = () => Math.floor(Date.now() / 1000)

let sequence = 0
/** Ids with Stripe's prefixes, unique within the test process. */
export function fakeId(prefix: string): string {
  sequence += 1
  return `${prefix}_fake${String(sequence).padStart(6, "0")}${Math.random().toString(36).slice(2, 8)}`
}

/** Metadata as Stripe stores it: strings only; an empty string removes a key on update. */
export function mergedMetadata(current: Stripe.Metadata, update: Stripe.Emptyable<Stripe.MetadataParam> | undefined): Stripe.Metadata {
  if (update === undefined || update === null) return { ...current }
  if (update === "") return {}
  const merged: Stripe.Metadata = { ...current }
  for (const [key, value] of Object.entries(update)) {
    if (value === "" || value === null || value === undefined) delete merged[key]
    else merged[key] = String(value)
  }
  return merged
}

const idOf = (value: string | { id: string } | null | undefined): string | null =>
  value == null ? null : typeof value === "string" ? value : value.id

export function paymentIntentObject(params: Stripe.PaymentIntentCreateParams): Stripe.PaymentIntent {
  const id = fakeId("pi")
  return {
    id,
    object: "payment_intent",
    allowed_payment_method_types: params.allowed_payment_method_types ?? ["card"],
    amount: params.amount,
    amount_capturable: 0,
    amount_details: { tip: {} },
    amount_received: 0,
    application: null,
    application_fee_amount: params.application_fee_amount ?? null,
    automatic_payment_methods: null,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: params.capture_method ?? "automatic_async",
    client_secret: `${id}_secret_fake`,
    confirmation_method: "automatic",
    created: now(),
    currency: params.currency.toLowerCase(),
    customer: params.customer ?? null,
    customer_account: null,
    description: params.description ?? null,
    excluded_payment_method_types: null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    managed_payments: null,
    metadata: mergedMetadata({}, params.metadata),
    next_action: null,
    on_behalf_of: null,
    payment_method: params.payment_method ?? null,
    payment_method_configuration_details: null,
    payment_method_options: null,
    payment_method_types: ["card"],
    payment_record: null,
    processing: null,
    receipt_email: params.receipt_email ?? null,
    review: null,
    setup_future_usage: params.setup_future_usage ?? null,
    shipping: null,
    source: null,
    statement_descriptor: params.statement_descriptor ?? null,
    statement_descriptor_suffix: params.statement_descriptor_suffix ?? null,
    status: params.payment_method ? "requires_confirmation" : "requires_payment_method",
    transfer_data: null,
    transfer_group: params.transfer_group ?? null,
  }
}

export function checkoutSessionObject(
  params: Stripe.Checkout.SessionCreateParams,
  amountTotal: number,
  currency: string
): Stripe.Checkout.Session {
  const id = fakeId("cs_test")
  const created = now()
  return {
    id,
    object: "checkout.session",
    adaptive_pricing: { enabled: false },
    after_expiration: null,
    allow_promotion_codes: null,
    allowed_payment_method_types: params.allowed_payment_method_types ?? null,
    amount_subtotal: amountTotal,
    amount_total: amountTotal,
    automatic_tax: { enabled: false, liability: null, provider: null, status: null },
    billing_address_collection: null,
    cancel_url: params.cancel_url ?? null,
    client_reference_id: params.client_reference_id ?? null,
    client_secret: null,
    collected_information: null,
    consent: null,
    consent_collection: null,
    created,
    currency,
    currency_conversion: null,
    custom_fields: [],
    custom_text: { after_submit: null, shipping_address: null, submit: null, terms_of_service_acceptance: null },
    customer: params.customer ?? null,
    customer_account: null,
    customer_creation: params.customer ? null : "if_required",
    customer_details: null,
    customer_email: params.customer_email ?? null,
    discounts: [],
    expires_at: params.expires_at ?? created + 24 * 3600,
    integration_identifier: null,
    invoice: null,
    invoice_creation: null,
    livemode: false,
    locale: params.locale ?? null,
    managed_payments: null,
    metadata: mergedMetadata({}, params.metadata),
    mode: "payment",
    origin_context: null,
    payment_intent: null,
    payment_link: null,
    payment_method_collection: "if_required",
    payment_method_configuration_details: null,
    payment_method_options: { card: { request_three_d_secure: "automatic" } },
    payment_method_types: ["card"],
    payment_status: "unpaid",
    permissions: null,
    phone_number_collection: { enabled: false },
    recovered_from: null,
    saved_payment_method_options: null,
    setup_intent: null,
    shipping_address_collection: null,
    shipping_cost: null,
    shipping_options: [],
    status: "open",
    submit_type: params.submit_type ?? null,
    subscription: null,
    success_url: params.success_url ?? null,
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    ui_mode: "hosted_page",
    url: `https://checkout.stripe.fake/c/pay/${id}`,
    wallet_options: null,
  }
}

export function refundObject(intent: Stripe.PaymentIntent, amount: number, params: Stripe.RefundCreateParams): Stripe.Refund {
  return {
    id: fakeId("re"),
    object: "refund",
    amount,
    balance_transaction: fakeId("txn"),
    charge: idOf(intent.latest_charge),
    created: now(),
    currency: intent.currency,
    customer: idOf(intent.customer),
    customer_account: null,
    destination_details: {
      card: { reference_status: "pending", reference_type: "acquirer_reference_number", type: "refund" },
      type: "card",
    },
    metadata: mergedMetadata({}, params.metadata),
    payment_intent: intent.id,
    payment_method: idOf(intent.payment_method),
    reason: params.reason ?? null,
    receipt_number: null,
    source_transfer_reversal: null,
    status: "succeeded",
    transfer_reversal: null,
  }
}

export function customerObject(params: Stripe.CustomerCreateParams): Stripe.Customer {
  const id = fakeId("cus")
  return {
    id,
    object: "customer",
    address: null,
    balance: 0,
    created: now(),
    currency: null,
    default_source: null,
    delinquent: false,
    description: params.description ?? null,
    discount: null,
    email: params.email ?? null,
    invoice_prefix: id.slice(-8).toUpperCase(),
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
    livemode: false,
    metadata: mergedMetadata({}, params.metadata),
    name: params.name ?? null,
    next_invoice_sequence: 1,
    phone: params.phone ?? null,
    preferred_locales: params.preferred_locales ?? [],
    shipping: null,
    tax_exempt: "none",
    test_clock: null,
  }
}

export function paymentMethodObject(card: FakeCard, customer: string | null): Stripe.PaymentMethod {
  return {
    id: fakeId("pm"),
    object: "payment_method",
    allow_redisplay: "unspecified",
    billing_details: { address: null, email: null, name: null, phone: null, tax_id: null },
    card: {
      brand: card.brand,
      checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: null },
      country: "US",
      display_brand: card.brand,
      exp_month: 12,
      exp_year: new Date().getFullYear() + 3,
      fingerprint: `fp_${card.last4}`,
      funding: "credit",
      generated_from: null,
      last4: card.last4,
      networks: { available: [card.brand], preferred: null },
      regulated_status: "unregulated",
      three_d_secure_usage: { supported: true },
      wallet: null,
    },
    created: now(),
    customer,
    customer_account: null,
    livemode: false,
    metadata: {},
    type: "card",
  }
}

export function setupIntentObject(params: Stripe.SetupIntentCreateParams): Stripe.SetupIntent {
  const id = fakeId("seti")
  return {
    id,
    object: "setup_intent",
    allowed_payment_method_types: params.allowed_payment_method_types ?? null,
    application: null,
    automatic_payment_methods: null,
    cancellation_reason: null,
    client_secret: `${id}_secret_fake`,
    created: now(),
    customer: params.customer ?? null,
    customer_account: null,
    description: params.description ?? null,
    excluded_payment_method_types: null,
    flow_directions: null,
    last_setup_error: null,
    latest_attempt: null,
    livemode: false,
    mandate: null,
    metadata: mergedMetadata({}, params.metadata),
    next_action: null,
    on_behalf_of: null,
    payment_method: null,
    payment_method_configuration_details: null,
    payment_method_options: null,
    payment_method_types: ["card"],
    single_use_mandate: null,
    status: "requires_payment_method",
    usage: params.usage ?? "off_session",
  }
}

export function oauthTokenObject(accountId: string): Stripe.OAuthToken {
  return {
    token_type: "bearer",
    stripe_publishable_key: `pk_test_${accountId}`,
    scope: "read_write",
    livemode: false,
    stripe_user_id: accountId,
    refresh_token: `rt_${accountId}`,
    access_token: `sk_test_${accountId}`,
  }
}

export function accountObject(id: string, name: string): Stripe.Account {
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
      support_email: null,
      support_phone: null,
      support_url: null,
      url: null,
    },
    business_type: "company",
    capabilities: { card_payments: "active", transfers: "active" },
    charges_enabled: true,
    country: "US",
    created: now(),
    default_currency: "usd",
    details_submitted: true,
    email: null,
    metadata: {},
    payouts_enabled: true,
    settings: null,
    type: "standard",
  }
}
