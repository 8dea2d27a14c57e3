// Contract: Idempotency-Key — replays (errors included), conflicts, what is not saved, concurrency.
import { randomUUID } from "crypto"
import { cardIntent, failure, itSandboxOnly, useContractTarget } from "./helpers/contract"

const target = useContractTarget()
const key = () => `contract-${randomUUID()}`

describe("Idempotency-Key", () => {
  it("replays the first response for a repeat with the same parameters", async () => {
    const { stripe } = target()
    const customer = await stripe.customers.create({ email: "idem@example.com" })
    const idempotencyKey = key()
    const params = cardIntent({ customer: customer.id, metadata: { order_id: "o_1" } })
    const first = await stripe.paymentIntents.create(params, { idempotencyKey })
    const second = await stripe.paymentIntents.create(params, { idempotencyKey })
    expect(second.id).toBe(first.id)
    expect(second.lastResponse.headers["idempotent-replayed"]).toBe("true")
    expect(first.lastResponse.headers["idempotent-replayed"]).toBeUndefined()
    const list = await stripe.paymentIntents.list({ customer: customer.id })
    expect(list.data).toHaveLength(1)
  })

  it("replays a card decline, without charging again", async () => {
    const { stripe } = target()
    const idempotencyKey = key()
    const params = cardIntent({ payment_method: "pm_card_chargeDeclined", confirm: true })
    const first = await failure(() => stripe.paymentIntents.create(params, { idempotencyKey }))
    const second = await failure(() => stripe.paymentIntents.create(params, { idempotencyKey }))
    expect(first.statusCode).toBe(402)
    expect(second.statusCode).toBe(402)
    expect(second.charge).toBe(first.charge)
    expect(second.payment_intent?.id).toBe(first.payment_intent?.id)
    const charges = await stripe.charges.list({ payment_intent: first.payment_intent?.id })
    expect(charges.data).toHaveLength(1)
  })

  it("rejects the same key with different parameters (400 idempotency_error)", async () => {
    const { stripe } = target()
    const idempotencyKey = key()
    await stripe.paymentIntents.create(cardIntent({ amount: 1000 }), { idempotencyKey })
    const error = await failure(() => stripe.paymentIntents.create(cardIntent({ amount: 1001 }), { idempotencyKey }))
    expect(error.statusCode).toBe(400)
    expect(error.type).toBe("StripeIdempotencyError")
    expect(error.rawType).toBe("idempotency_error")
    expect(error.message).toContain(idempotencyKey)
  })

  it("rejects the same key on another endpoint", async () => {
    const { stripe } = target()
    const idempotencyKey = key()
    await stripe.customers.create({ email: "a@example.com" }, { idempotencyKey })
    const error = await failure(() => stripe.paymentIntents.create(cardIntent(), { idempotencyKey }))
    expect(error.statusCode).toBe(400)
    expect(error.rawType).toBe("idempotency_error")
  })

  it("does not save a request that failed validation, so the key can be used with corrected parameters", async () => {
    const { stripe } = target()
    const idempotencyKey = key()
    const invalid = await failure(() => stripe.paymentIntents.create(cardIntent({ amount: 10 }), { idempotencyKey }))
    expect(invalid.code).toBe("amount_too_small")
    const malformed = await failure(() =>
      stripe.rawRequest("POST", "/v1/payment_intents", { amount: 1000, currency: "usd", colour: "red" }, { idempotencyKey })
    )
    expect(malformed.code).toBe("parameter_unknown")
    const valid = await stripe.paymentIntents.create(cardIntent({ amount: 1000 }), { idempotencyKey })
    expect(valid.status).toBe("requires_payment_method")
  })

  itSandboxOnly("answers 409 to a repeat that arrives while the first request is still in progress", async () => {
    const { stripe, sandbox } = target()
    sandbox().addFault({ method: "POST", path: "/v1/payment_intents", latencyMs: 300 })
    const idempotencyKey = key()
    const slow = stripe.paymentIntents.create(cardIntent(), { idempotencyKey })
    await new Promise((r) => setTimeout(r, 100))
    const error = await failure(() => stripe.paymentIntents.create(cardIntent(), { idempotencyKey }))
    expect(error.statusCode).toBe(409)
    expect(error.rawType).toBe("idempotency_error")
    const first = await slow
    const replay = await stripe.paymentIntents.create(cardIntent(), { idempotencyKey })
    expect(replay.id).toBe(first.id)
  })

  itSandboxOnly("keeps keys per account: the same key on a connected account is a new request", async () => {
    const { stripe, sandbox } = target()
    const response = await fetch(`${sandbox().url}/_sandbox/accounts`, {
      method: "POST",
      body: JSON.stringify({ name: "Other store" }),
      headers: { "content-type": "application/json" },
    })
    const { stripe_user_id: account } = await response.json()
    const idempotencyKey = key()
    const platform = await stripe.paymentIntents.create(cardIntent(), { idempotencyKey })
    const connected = await stripe.paymentIntents.create(cardIntent(), { idempotencyKey, stripeAccount: account })
    expect(connected.id).not.toBe(platform.id)
    const log = sandbox()
      .requests()
      .filter((r) => r.idempotencyKey === idempotencyKey)
    expect(log.map((r) => [r.account, r.replayed])).toEqual([
      [null, false],
      [account, false],
    ])
  })

  itSandboxOnly("sends an idempotency key on every POST from the SDK, and logs replays", async () => {
    const { stripe, sandbox } = target()
    sandbox().clearRequests()
    const idempotencyKey = key()
    await stripe.customers.create({ email: "log@example.com" }, { idempotencyKey })
    await stripe.customers.create({ email: "log@example.com" }, { idempotencyKey })
    await stripe.customers.create({ email: "auto@example.com" })
    const posts = sandbox()
      .requests()
      .filter((r) => r.method === "POST" && r.path === "/v1/customers")
    expect(posts.map((r) => r.replayed)).toEqual([false, true, false])
    expect(posts[2].idempotencyKey).toMatch(/^stripe-node-retry-/)
    expect(posts[0].params).toEqual({ email: "log@example.com" })
  })
})
