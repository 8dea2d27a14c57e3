import { MedusaError, PaymentActions } from "@medusajs/framework/utils"
import Stripe from "stripe"
import { stripeCollectMetadata } from "../metadata"
import { verifyStripeWebhook, webhookActionFor, webhookActionForEvent } from "../webhooks"

const secret = "whsec_unit_test_secret"
const stripe = new Stripe("sk_test_unit")
const verification = { webhooks: stripe.webhooks, secret }

const ours = stripeCollectMetadata("payses_123", { order_id: "order_1" })

function intent(overrides: Record<string, unknown> = {}) {
  return {
    id: "pi_123",
    object: "payment_intent",
    amount: 1999,
    amount_capturable: 0,
    amount_received: 0,
    currency: "usd",
    status: "requires_confirmation",
    metadata: ours,
    ...overrides,
  }
}

function checkoutSession(overrides: Record<string, unknown> = {}) {
  return {
    id: "cs_123",
    object: "checkout.session",
    amount_total: 5000,
    currency: "jpy",
    status: "complete",
    payment_status: "paid",
    payment_intent: "pi_456",
    metadata: ours,
    ...overrides,
  }
}

function eventBody(type: string, object: Record<string, unknown>) {
  return JSON.stringify({
    id: `evt_${type.replace(/\W/g, "_")}`,
    object: "event",
    api_version: Stripe.API_VERSION,
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
  })
}

function signed(body: string, options: { timestamp?: number; signWith?: string } = {}) {
  const header = stripe.webhooks.generateTestHeaderString({
    payload: body,
    secret: options.signWith ?? secret,
    timestamp: options.timestamp,
  })
  return { data: JSON.parse(body), rawData: Buffer.from(body), headers: { "stripe-signature": header } }
}

describe("webhookActionFor: verified events of our sessions", () => {
  const cases: Array<[string, Record<string, unknown>, string, number]> = [
    ["payment_intent.created", intent(), PaymentActions.PENDING, 19.99],
    ["payment_intent.processing", intent({ status: "processing" }), PaymentActions.PENDING, 19.99],
    ["payment_intent.requires_action", intent({ status: "requires_action" }), PaymentActions.REQUIRES_MORE, 19.99],
    ["payment_intent.partially_funded", intent({ status: "requires_payment_method" }), PaymentActions.REQUIRES_MORE, 19.99],
    [
      "payment_intent.amount_capturable_updated",
      intent({ status: "requires_capture", amount_capturable: 1999 }),
      PaymentActions.AUTHORIZED,
      19.99,
    ],
    [
      "payment_intent.succeeded",
      intent({ status: "succeeded", amount_received: 1500 }),
      PaymentActions.SUCCESSFUL,
      15,
    ],
    ["payment_intent.payment_failed", intent({ status: "requires_payment_method" }), PaymentActions.FAILED, 19.99],
    ["payment_intent.canceled", intent({ status: "canceled" }), PaymentActions.CANCELED, 19.99],
    [
      "payment_intent.succeeded",
      intent({ status: "succeeded", currency: "jpy", amount: 5000, amount_received: 5000 }),
      PaymentActions.SUCCESSFUL,
      5000,
    ],
    [
      "payment_intent.succeeded",
      intent({ status: "succeeded", currency: "kwd", amount: 5120, amount_received: 5120 }),
      PaymentActions.SUCCESSFUL,
      5.12,
    ],
    ["checkout.session.completed", checkoutSession(), PaymentActions.SUCCESSFUL, 5000],
    ["checkout.session.completed", checkoutSession({ payment_status: "unpaid" }), PaymentActions.AUTHORIZED, 5000],
    ["checkout.session.async_payment_succeeded", checkoutSession(), PaymentActions.SUCCESSFUL, 5000],
    ["checkout.session.async_payment_failed", checkoutSession({ payment_status: "unpaid" }), PaymentActions.FAILED, 5000],
    [
      "checkout.session.expired",
      checkoutSession({ status: "expired", payment_status: "unpaid" }),
      PaymentActions.PENDING_AUTHORIZATION,
      5000,
    ],
    [
      "checkout.session.completed",
      checkoutSession({ currency: "usd", amount_total: 1234 }),
      PaymentActions.SUCCESSFUL,
      12.34,
    ],
    [
      "payment_intent.succeeded",
      intent({
        status: "succeeded",
        amount_received: 6000,
        metadata: stripeCollectMetadata("payses_123", { cart_id: "cart_1" }),
      }),
      PaymentActions.SUCCESSFUL,
      60,
    ],
  ]

  it.each(cases)("%s → %s", (type, object, action, amount) => {
    const result = webhookActionFor(signed(eventBody(type, object)), verification)
    expect(result).toEqual({ action, data: { session_id: "payses_123", amount } })
  })
})

describe("webhookActionFor: events that are not ours", () => {
  it.each([
    ["another integration's PaymentIntent", "payment_intent.succeeded", intent({ metadata: {} })],
    [
      "a session id without our marker",
      "payment_intent.succeeded",
      intent({ metadata: { session_id: "payses_123" } }),
    ],
    [
      "our marker without a session id",
      "payment_intent.succeeded",
      intent({ metadata: { stripe_collect: "1" } }),
    ],
    ["another integration's Checkout Session", "checkout.session.completed", checkoutSession({ metadata: {} })],
    [
      "a payment link's Checkout Session (settled by the plugin's own subscriber)",
      "checkout.session.completed",
      checkoutSession({ metadata: stripeCollectMetadata("payses_123", { stripe_collect_flow: "payment_link" }) }),
    ],
    [
      "a payment link's PaymentIntent",
      "payment_intent.succeeded",
      intent({ metadata: stripeCollectMetadata("payses_123", { stripe_collect_flow: "payment_link" }) }),
    ],
    [
      "an admin charge's PaymentIntent (recorded by the plugin's own subscriber)",
      "payment_intent.succeeded",
      intent({ metadata: stripeCollectMetadata("payses_123", { stripe_collect_flow: "admin_charge" }) }),
    ],
    ["an event type we do not handle", "charge.succeeded", { id: "ch_1", object: "charge", metadata: ours }],
    ["a customer event", "customer.created", { id: "cus_1", object: "customer", metadata: ours }],
  ])("%s → not_supported without data", (_name, type, object) => {
    expect(webhookActionFor(signed(eventBody(type, object)), verification)).toEqual({
      action: PaymentActions.NOT_SUPPORTED,
    })
  })
})

describe("verifyStripeWebhook: the signature comes first", () => {
  const body = eventBody("payment_intent.succeeded", intent({ status: "succeeded", amount_received: 1999 }))

  function rejection(payload: Parameters<typeof verifyStripeWebhook>[0]): MedusaError {
    try {
      verifyStripeWebhook(payload, verification)
    } catch (error) {
      return error as MedusaError
    }
    throw new Error("expected the webhook to be rejected")
  }

  it("accepts a Buffer, a string and a queued { type: 'Buffer' } raw body", () => {
    const payload = signed(body)
    expect(verifyStripeWebhook(payload, verification).type).toBe("payment_intent.succeeded")
    expect(verifyStripeWebhook({ ...payload, rawData: body }, verification).id).toBe(
      "evt_payment_intent_succeeded"
    )
    const queued = { type: "Buffer" as const, data: [...Buffer.from(body)] }
    expect(verifyStripeWebhook({ ...payload, rawData: queued }, verification).type).toBe(
      "payment_intent.succeeded"
    )
  })

  it("finds the header whatever its case, and as an array", () => {
    const payload = signed(body)
    const header = payload.headers["stripe-signature"]
    expect(verifyStripeWebhook({ ...payload, headers: { "Stripe-Signature": header } }, verification).type).toBe(
      "payment_intent.succeeded"
    )
    expect(verifyStripeWebhook({ ...payload, headers: { "stripe-signature": [header] } }, verification).type).toBe(
      "payment_intent.succeeded"
    )
  })

  it("rejects a signature made with another secret", () => {
    const error = rejection(signed(body, { signWith: "whsec_someone_else" }))
    expect(error).toBeInstanceOf(MedusaError)
    expect(error.type).toBe(MedusaError.Types.INVALID_DATA)
    expect(error.message).toMatch(/signature verification failed/)
  })

  it("rejects a body changed after signing, even if the parsed data looks fine", () => {
    const payload = signed(body)
    const tampered = body.replace('"amount_received":1999', '"amount_received":999999')
    expect(tampered).not.toBe(body)
    expect(rejection({ ...payload, rawData: Buffer.from(tampered) }).message).toMatch(/signature verification failed/)
  })

  it("rejects a missing signature header", () => {
    expect(rejection({ ...signed(body), headers: {} }).message).toMatch(/Stripe-Signature header is missing/)
  })

  it("rejects a garbage signature header", () => {
    expect(rejection({ ...signed(body), headers: { "stripe-signature": "t=1,v1=abc" } }).message).toMatch(
      /signature verification failed/
    )
  })

  it("rejects a missing raw body instead of trusting the parsed one", () => {
    const payload = signed(body)
    expect(rejection({ ...payload, rawData: "" }).message).toMatch(/raw request body is missing/)
    expect(rejection({ ...payload, rawData: undefined }).message).toMatch(
      /raw request body is missing/
    )
  })

  it("rejects a stale timestamp (older than 5 minutes)", () => {
    const stale = signed(body, { timestamp: Math.floor(Date.now() / 1000) - 400 })
    expect(rejection(stale).message).toMatch(/Timestamp outside the tolerance zone/)
  })

  it("accepts a timestamp within the tolerance", () => {
    const recent = signed(body, { timestamp: Math.floor(Date.now() / 1000) - 200 })
    expect(verifyStripeWebhook(recent, verification).type).toBe("payment_intent.succeeded")
  })

  it("does not map before verifying: a bad signature throws even for an event we would ignore", () => {
    const ignored = eventBody("customer.created", { id: "cus_1", object: "customer", metadata: {} })
    expect(() => webhookActionFor(signed(ignored, { signWith: "whsec_other" }), verification)).toThrow(
      /signature verification failed/
    )
  })
})

describe("webhookActionForEvent", () => {
  it("maps an already verified event without needing a signature", () => {
    const event = JSON.parse(eventBody("payment_intent.canceled", intent({ status: "canceled" })))
    expect(webhookActionForEvent(event)).toEqual({
      action: PaymentActions.CANCELED,
      data: { session_id: "payses_123", amount: 19.99 },
    })
  })
})
