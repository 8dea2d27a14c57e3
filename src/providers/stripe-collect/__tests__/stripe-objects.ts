import type Stripe from "stripe"

/** Complete Stripe objects as the API (and so the gateway) returns them, with what a test changes. */

export function visaCard(id = "pm_card_visa_1"): Stripe.PaymentMethod {
  return {
    id,
    object: "payment_method",
    billing_details: { address: null, email: null, name: "Grace Hopper", phone: null, tax_id: null },
    card: {
      brand: "visa",
      checks: null,
      country: "US",
      display_brand: "visa",
      exp_month: 12,
      exp_year: 2034,
      funding: "credit",
      generated_from: null,
      last4: "4242",
      networks: null,
      regulated_status: null,
      three_d_secure_usage: null,
      wallet: null,
    },
    created: 1_700_000_000,
    customer: null,
    customer_account: null,
    livemode: false,
    metadata: {},
    type: "card",
  }
}

export function paymentIntent(overrides: Partial<Stripe.PaymentIntent> = {}): Stripe.PaymentIntent {
  return {
    id: "pi_1",
    object: "payment_intent",
    allowed_payment_method_types: null,
    amount: 6000,
    amount_capturable: 0,
    amount_received: 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: { enabled: true, allow_redirects: "never" },
    canceled_at: null,
    cancellation_reason: null,
    capture_method: "automatic",
    client_secret: "pi_1_secret_abc",
    confirmation_method: "automatic",
    created: 1_700_000_000,
    currency: "usd",
    customer: null,
    customer_account: null,
    description: null,
    excluded_payment_method_types: null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    managed_payments: null,
    metadata: {},
    next_action: null,
    on_behalf_of: null,
    payment_method: null,
    payment_method_configuration_details: null,
    payment_method_options: null,
    payment_method_types: ["card"],
    payment_record: null,
    processing: null,
    receipt_email: null,
    review: null,
    setup_future_usage: null,
    shipping: null,
    source: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: "requires_payment_method",
    transfer_group: null,
    ...overrides,
  }
}

/** A PaymentIntent Stripe has taken in full, card expanded: what an adopted payment is made from. */
export function succeededIntent(overrides: Partial<Stripe.PaymentIntent> = {}): Stripe.PaymentIntent {
  return paymentIntent({
    id: "pi_taken",
    status: "succeeded",
    amount: 6000,
    amount_received: 6000,
    client_secret: "pi_taken_secret_do_not_keep",
    customer: "cus_1",
    payment_method: visaCard(),
    latest_charge: "ch_1",
    metadata: { stripe_collect: "1", stripe_collect_attempt: "attempt_1" },
    ...overrides,
  })
}

export function refund(overrides: Partial<Stripe.Refund> = {}): Stripe.Refund {
  return {
    id: "re_1",
    object: "refund",
    amount: 0,
    balance_transaction: null,
    charge: null,
    created: 1_700_000_000,
    currency: "usd",
    customer: null,
    customer_account: null,
    metadata: {},
    payment_intent: null,
    payment_method: null,
    reason: null,
    receipt_number: null,
    source_transfer_reversal: null,
    status: "succeeded",
    transfer_reversal: null,
    ...overrides,
  }
}
