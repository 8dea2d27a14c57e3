// The gateway's retry policy, over HTTP against the sandbox: what is repeated, with which key, how often, and what callers see.
import { MedusaError } from "@medusajs/framework/utils"
import {
  httpStatusForStripeError,
  isCardDecline,
  isUndecidedOutcome,
  StripeCollectError,
  stripeErrorDetails,
  UNDECIDED_OUTCOME_CODE,
} from "../errors"
import { cardPayment, realSleep, rejectionOf, useSandboxGateways } from "./helpers/sandbox-gateway"

const env = useSandboxGateways()
const CREATE = "/v1/payment_intents"

describe("the gateway's retry policy", () => {
  it("repeats a 500 with the same idempotency key, backing off, and returns Stripe's later answer", async () => {
    const { gateway, waits } = env.gateway({ retryDelayMs: 200 })
    env.sandbox().addFault({ method: "POST", path: CREATE, status: 500, times: 2 })

    const intent = await gateway.paymentIntents.createAndConfirm(cardPayment(), "charge-500-then-ok")

    expect(intent.status).toBe("succeeded")
    const tries = env.requestsTo("POST", CREATE)
    expect(tries.map((t) => [t.status, t.idempotencyKey])).toEqual([
      [500, "charge-500-then-ok"],
      [500, "charge-500-then-ok"],
      [200, "charge-500-then-ok"],
    ])
    // Exponential with jitter: the n-th wait lies between half and all of 200 × 2^(n−1).
    expect(waits).toHaveLength(2)
    expect(waits[0]).toBeGreaterThanOrEqual(100)
    expect(waits[0]).toBeLessThanOrEqual(200)
    expect(waits[1]).toBeGreaterThanOrEqual(200)
    expect(waits[1]).toBeLessThanOrEqual(400)
  })

  it("repeats a 429 with the same key and gives up after its own budget as rate_limited (nothing was done)", async () => {
    const { gateway, waits } = env.gateway({ maxRateLimitRetries: 2, maxNetworkRetries: 5 })
    env.sandbox().addFault({ method: "POST", path: CREATE, status: 429, times: "always" })

    const error = await rejectionOf(gateway.paymentIntents.createAndConfirm(cardPayment(), "charge-429"))

    expect(error).toBeInstanceOf(StripeCollectError)
    expect(stripeErrorDetails(error)?.kind).toBe("rate_limited")
    expect(httpStatusForStripeError(error)).toBe(503)
    expect((error as MedusaError).message).toMatch(/rate limiting requests, so it could not charge the card; nothing was charged/)
    const tries = env.requestsTo("POST", CREATE)
    expect(tries).toHaveLength(3)
    expect(new Set(tries.map((t) => t.idempotencyKey))).toEqual(new Set(["charge-429"]))
    expect(waits).toHaveLength(2)
  })

  it("after the budget, a 5xx is an undecided outcome: the caller must not charge again", async () => {
    const { gateway } = env.gateway({ maxNetworkRetries: 2 })
    env.sandbox().addFault({ method: "POST", path: CREATE, status: 503, times: "always" })

    const error = await rejectionOf(gateway.paymentIntents.createAndConfirm(cardPayment(), "charge-503"))

    expect(error).toBeInstanceOf(StripeCollectError)
    expect(isUndecidedOutcome(error)).toBe(true)
    expect((error as MedusaError).code).toBe(UNDECIDED_OUTCOME_CODE)
    expect((error as MedusaError).type).toBe(MedusaError.Types.UNEXPECTED_STATE)
    expect(httpStatusForStripeError(error)).toBe(502)
    expect((error as MedusaError).message).toMatch(/Stripe did not answer while trying to charge the card/)
    expect(env.requestsTo("POST", CREATE)).toHaveLength(3)
  })

  it("takes maxNetworkRetries as the number of extra tries (0: one try only)", async () => {
    const once = env.gateway({ maxNetworkRetries: 0 })
    env.sandbox().addFault({ method: "POST", path: CREATE, status: 500, times: "always" })
    expect(isUndecidedOutcome(await rejectionOf(once.gateway.paymentIntents.create(cardPayment(), "budget-0")))).toBe(true)
    expect(env.requestsTo("POST", CREATE)).toHaveLength(1)
    expect(once.waits).toHaveLength(0)

    env.sandbox().clearRequests()
    const four = env.gateway({ maxNetworkRetries: 4 })
    expect(isUndecidedOutcome(await rejectionOf(four.gateway.paymentIntents.create(cardPayment(), "budget-4")))).toBe(true)
    expect(env.requestsTo("POST", CREATE).map((t) => t.idempotencyKey)).toEqual(Array(5).fill("budget-4"))
  })

  it("repeats a request whose answer was lost after Stripe processed it, and gets the first answer replayed", async () => {
    const { gateway } = env.gateway()
    env.sandbox().addFault({ method: "POST", path: CREATE, timeoutAfterProcessing: true })

    const intent = await gateway.paymentIntents.createAndConfirm(cardPayment(4_200), "charge-lost-answer")

    const tries = env.requestsTo("POST", CREATE)
    expect(tries.map((t) => [t.idempotencyKey, t.replayed])).toEqual([
      ["charge-lost-answer", false],
      ["charge-lost-answer", true],
    ])
    expect(intent).toMatchObject({ status: "succeeded", amount: 4_200 })
    // One payment at Stripe, not two.
    const retrieved = await gateway.paymentIntents.retrieve(intent.id)
    expect(retrieved.id).toBe(intent.id)
    expect(env.requestsTo("POST", CREATE).filter((t) => !t.replayed)).toHaveLength(1)
  })

  it("counts a dropped connection as one try (the SDK does not repeat it behind the budget)", async () => {
    const { gateway } = env.gateway({ maxNetworkRetries: 1 })
    env.sandbox().addFault({ method: "POST", path: CREATE, dropConnection: true, times: "always" })

    const error = await rejectionOf(gateway.paymentIntents.createAndConfirm(cardPayment(), "charge-dropped"))

    expect(isUndecidedOutcome(error)).toBe(true)
    expect(env.requestsTo("POST", CREATE).map((t) => t.idempotencyKey)).toEqual(["charge-dropped", "charge-dropped"])
  })

  it("repeats a request that timed out, with the same key, once Stripe has finished the first", async () => {
    // Stripe takes 1.2 s, the gateway waits 1 s; the retry comes 0.5–1 s later and gets the stored answer.
    const { gateway, waits } = env.gateway({ timeout: 1_000, retryDelayMs: 1_000, sleep: realSleep })
    env.sandbox().addFault({ method: "POST", path: CREATE, latencyMs: 1_200 })

    const intent = await gateway.paymentIntents.createAndConfirm(cardPayment(), "charge-timeout")

    expect(intent.status).toBe("succeeded")
    expect(waits).toHaveLength(1)
    const tries = env.requestsTo("POST", CREATE)
    expect(tries.map((t) => [t.idempotencyKey, t.replayed])).toEqual([
      ["charge-timeout", false],
      ["charge-timeout", true],
    ])
  })

  it("stays undecided when Stripe still holds the key of a timed-out try through every retry (409)", async () => {
    const { gateway } = env.gateway({ timeout: 1_000, maxNetworkRetries: 2 })
    env.sandbox().addFault({ method: "POST", path: CREATE, latencyMs: 2_500 })

    const error = await rejectionOf(gateway.paymentIntents.createAndConfirm(cardPayment(), "charge-still-running"))

    expect(isUndecidedOutcome(error)).toBe(true)
    expect((error as MedusaError).message).toMatch(/timeout/)
    const tries = env.requestsTo("POST", CREATE)
    expect(tries.map((t) => t.status).slice(1)).toEqual([409, 409])
    expect(new Set(tries.map((t) => t.idempotencyKey))).toEqual(new Set(["charge-still-running"]))
    // Stripe did finish the first try: this is why the outcome was "undecided", never "failed".
    await realSleep(1_800)
    const log = env.requestsTo("POST", CREATE)
    expect(log[0].status).toBe(200)
  })

  it.each([
    [
      "a decline (402)",
      { amount: 2_000, currency: "usd", allowed_payment_method_types: ["card"], payment_method: "pm_card_chargeDeclined" },
      "card_declined",
    ],
    [
      "a bad request (400)",
      { amount: -5, currency: "usd", allowed_payment_method_types: ["card"], payment_method: "pm_card_visa" },
      "invalid_request",
    ],
  ])("never repeats %s", async (_name, params, kind) => {
    const { gateway, waits } = env.gateway({ maxNetworkRetries: 3, maxRateLimitRetries: 3 })

    const error = await rejectionOf(gateway.paymentIntents.createAndConfirm(params, `no-retry-${kind}`))

    expect(error).toBeInstanceOf(StripeCollectError)
    expect(stripeErrorDetails(error)?.kind).toBe(kind)
    expect(env.requestsTo("POST", CREATE)).toHaveLength(1)
    expect(waits).toHaveLength(0)
  })

  it("never repeats a 404, and keeps the decline's details for the merchant", async () => {
    const { gateway, waits } = env.gateway({ maxNetworkRetries: 3 })
    const missing = await rejectionOf(gateway.paymentIntents.retrieve("pi_does_not_exist"))
    expect(stripeErrorDetails(missing)?.kind).toBe("not_found")
    expect(httpStatusForStripeError(missing)).toBe(404)
    expect(env.requestsTo("GET", "/v1/payment_intents/pi_does_not_exist")).toHaveLength(1)

    const declined = await rejectionOf(
      gateway.paymentIntents.createAndConfirm(
        { ...cardPayment(), payment_method: "pm_card_chargeDeclinedInsufficientFunds" },
        "declined-details"
      )
    )
    expect(isCardDecline(declined)).toBe(true)
    expect(stripeErrorDetails(declined)).toMatchObject({
      decline_code: "insufficient_funds",
      status_code: 402,
      payment_intent_status: "requires_payment_method",
    })
    expect(waits).toHaveLength(0)
  })

  it("repeats reads after a 500 (no key needed) and refuses a write without a key", async () => {
    const { gateway } = env.gateway()
    const intent = await gateway.paymentIntents.create(
      { amount: 1_000, currency: "usd", allowed_payment_method_types: ["card"] },
      "read-later"
    )
    env.sandbox().addFault({ method: "GET", path: `/v1/payment_intents/${intent.id}`, status: 500 })
    await expect(gateway.paymentIntents.retrieve(intent.id)).resolves.toMatchObject({ id: intent.id })
    expect(env.requestsTo("GET", `/v1/payment_intents/${intent.id}`).map((t) => t.status)).toEqual([500, 200])

    await expect(gateway.paymentIntents.create(cardPayment(), "")).rejects.toThrow(/idempotency key/)
  })
})
