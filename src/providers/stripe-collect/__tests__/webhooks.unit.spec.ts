import { MedusaError, PaymentActions } from "@medusajs/framework/utils"
import Stripe from "stripe"
import { stripeCollectMetadata } from "../metadata"
import StripeCollectProviderService from "../service"
import { webhookActionForEvent } from "../webhooks"
import { FAKE_WEBHOOK_SECRET, fakeGateway } from "./fake-gateway"

const stripe = new Stripe("sk_test_unit")
const ours = stripeCollectMetadata("payses_123", { medusa_customer_id: "cus_medusa_1" })

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

function event(type: string, object: Record<string, unknown>): Stripe.Event {
  return JSON.parse(eventBody(type, object))
}

function signed(body: string, options: { timestamp?: number; signWith?: string } = {}) {
  const header = stripe.webhooks.generateTestHeaderString({
    payload: body,
    secret: options.signWith ?? FAKE_WEBHOOK_SECRET,
    timestamp: options.timestamp,
  })
  return { data: JSON.parse(body), rawData: Buffer.from(body), headers: { "stripe-signature": header } }
}

function provider() {
  const fake = fakeGateway()
  const service = new StripeCollectProviderService(
    { stripeCollectGateway: fake.gateway },
    { apiKey: "sk_test_unit", webhookSecret: FAKE_WEBHOOK_SECRET }
  )
  return { service, fake }
}

describe("webhookActionForEvent: PaymentIntents of our sessions", () => {
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
    ["payment_intent.succeeded", intent({ status: "succeeded", amount_received: 1500 }), PaymentActions.SUCCESSFUL, 15],
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
  ]

  it.each(cases)("%s → %s", (type, object, action, amount) => {
    expect(webhookActionForEvent(event(type, object))).toEqual({ action, data: { session_id: "payses_123", amount } })
  })

  it("ignores flow metadata: which path handles a payment is decided by the plugin's records, not by keys on Stripe", () => {
    const flagged = intent({
      status: "succeeded",
      amount_received: 1999,
      metadata: stripeCollectMetadata("payses_123", { stripe_collect_flow: "admin_charge", order_id: "order_other" }),
    })
    expect(webhookActionForEvent(event("payment_intent.succeeded", flagged))).toEqual({
      action: PaymentActions.SUCCESSFUL,
      data: { session_id: "payses_123", amount: 19.99 },
    })
  })
})

describe("webhookActionForEvent: everything else is not_supported", () => {
  it.each([
    ["another integration's PaymentIntent", "payment_intent.succeeded", intent({ metadata: {} })],
    ["a session id without our marker", "payment_intent.succeeded", intent({ metadata: { session_id: "payses_123" } })],
    ["our marker without a session id", "payment_intent.succeeded", intent({ metadata: { stripe_collect: "1" } })],
    ["a marker with another value", "payment_intent.succeeded", intent({ metadata: { stripe_collect: "true", session_id: "payses_123" } })],
    ["a Checkout Session, even of ours (the link code owns them)", "checkout.session.completed", checkoutSession()],
    ["an expired Checkout Session", "checkout.session.expired", checkoutSession({ status: "expired", payment_status: "unpaid" })],
    ["an event type we do not handle", "charge.succeeded", { id: "ch_1", object: "charge", metadata: ours }],
    ["a customer event", "customer.created", { id: "cus_1", object: "customer", metadata: ours }],
  ])("%s → not_supported without data", (_name, type, object) => {
    expect(webhookActionForEvent(event(type, object))).toEqual({ action: PaymentActions.NOT_SUPPORTED })
  })
})

describe("getWebhookActionAndData: verified once through the gateway, then mapped", () => {
  const body = eventBody("payment_intent.succeeded", intent({ status: "succeeded", amount_received: 1999 }))
  const expected = { action: PaymentActions.SUCCESSFUL, data: { session_id: "payses_123", amount: 19.99 } }

  async function rejection(payload: Parameters<StripeCollectProviderService["getWebhookActionAndData"]>[0]): Promise<MedusaError> {
    const error = await provider()
      .service.getWebhookActionAndData(payload)
      .catch((e: unknown) => e)
    if (!(error instanceof MedusaError)) throw new Error("expected the webhook to be rejected with a MedusaError")
    return error
  }

  it("accepts a Buffer, a string and a queued { type: 'Buffer' } raw body, and calls Stripe for none of them", async () => {
    const { service, fake } = provider()
    const payload = signed(body)
    expect(await service.getWebhookActionAndData(payload)).toEqual(expected)
    expect(await service.getWebhookActionAndData({ ...payload, rawData: body })).toEqual(expected)
    const queued = JSON.parse(JSON.stringify({ ...payload, rawData: Buffer.from(body) }))
    expect(queued.rawData.type).toBe("Buffer")
    expect(await service.getWebhookActionAndData(queued)).toEqual(expected)
    expect(fake.calls).toEqual([])
  })

  it("finds the header whatever its case, and as an array", async () => {
    const { service } = provider()
    const payload = signed(body)
    const header = payload.headers["stripe-signature"]
    expect(await service.getWebhookActionAndData({ ...payload, headers: { "Stripe-Signature": header } })).toEqual(expected)
    expect(await service.getWebhookActionAndData({ ...payload, headers: { "stripe-signature": [header] } })).toEqual(expected)
  })

  it("rejects a signature made with another secret", async () => {
    const error = await rejection(signed(body, { signWith: "whsec_someone_else" }))
    expect(error.type).toBe(MedusaError.Types.INVALID_DATA)
    expect(error.message).toMatch(/signature verification failed/)
  })

  it("rejects a body changed after signing, even if the parsed data looks fine", async () => {
    const payload = signed(body)
    const tampered = body.replace('"amount_received":1999', '"amount_received":999999')
    expect(tampered).not.toBe(body)
    expect((await rejection({ ...payload, rawData: Buffer.from(tampered) })).message).toMatch(/signature verification failed/)
  })

  it("rejects a missing or garbage signature header", async () => {
    expect((await rejection({ ...signed(body), headers: {} })).message).toMatch(/Stripe-Signature header is missing/)
    expect((await rejection({ ...signed(body), headers: { "stripe-signature": "t=1,v1=abc" } })).message).toMatch(
      /signature verification failed/
    )
  })

  it("rejects a missing raw body instead of trusting the parsed one", async () => {
    expect((await rejection({ ...signed(body), rawData: "" })).message).toMatch(/raw request body is missing/)
  })

  it("rejects a stale timestamp (older than 5 minutes) and accepts one within the tolerance", async () => {
    const stale = signed(body, { timestamp: Math.floor(Date.now() / 1000) - 400 })
    expect((await rejection(stale)).message).toMatch(/Timestamp outside the tolerance zone/)
    const recent = signed(body, { timestamp: Math.floor(Date.now() / 1000) - 200 })
    expect(await provider().service.getWebhookActionAndData(recent)).toEqual(expected)
  })

  it("does not map before verifying: a bad signature throws even for an event it would ignore", async () => {
    const ignored = eventBody("customer.created", { id: "cus_1", object: "customer", metadata: {} })
    expect((await rejection(signed(ignored, { signWith: "whsec_other" }))).message).toMatch(/signature verification failed/)
  })
})
