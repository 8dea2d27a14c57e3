import { MedusaError } from "@medusajs/framework/utils"
import Stripe from "stripe"
import {
  httpStatusForStripeError,
  isCardDecline,
  isUndecidedOutcome,
  StripeCollectError,
  stripeErrorDetails,
  toMedusaError,
  UNDECIDED_OUTCOME_CODE,
} from "../errors"
import { backoffMs, withStripeRetry, type StripeRetryPolicy } from "../retry"

// The SDK's own error factory, fed the raw bodies Stripe sends: no fakes of the SDK.
const stripeError = (raw: Record<string, unknown>) => Stripe.errors.StripeError.generate(raw)

const declined = () =>
  stripeError({
    type: "card_error",
    statusCode: 402,
    code: "card_declined",
    decline_code: "insufficient_funds",
    message: "Your card has insufficient funds.",
    requestId: "req_decline",
    payment_intent: { id: "pi_1", object: "payment_intent", status: "requires_payment_method" },
    charge: "ch_1",
  })

describe("toMedusaError", () => {
  it("keeps a decline's code, decline code, message and request id, as a payment error (not a 500)", () => {
    const error = toMedusaError(declined(), "confirm the payment")
    expect(error).toBeInstanceOf(StripeCollectError)
    expect(error).toBeInstanceOf(MedusaError)
    expect(MedusaError.isMedusaError(error)).toBe(true)
    expect(error.type).toBe(MedusaError.Types.PAYMENT_AUTHORIZATION_ERROR)
    expect(error.code).toBe("insufficient_funds")
    expect(error.message).toBe("Your card has insufficient funds. [insufficient_funds]")
    expect(stripeErrorDetails(error)).toEqual({
      kind: "card_declined",
      message: "Your card has insufficient funds.",
      code: "card_declined",
      decline_code: "insufficient_funds",
      request_id: "req_decline",
      status_code: 402,
      stripe_type: "StripeCardError",
      payment_intent_id: "pi_1",
      payment_intent_status: "requires_payment_method",
      charge_id: "ch_1",
    })
    expect(isCardDecline(error)).toBe(true)
    expect(isUndecidedOutcome(error)).toBe(false)
    expect(httpStatusForStripeError(error)).toBe(402)
  })

  it("recognises an off-session charge that needs authentication as a decline", () => {
    const error = toMedusaError(
      stripeError({
        type: "card_error",
        statusCode: 402,
        code: "authentication_required",
        decline_code: "authentication_required",
        message: "Your card was declined. This transaction requires authentication.",
      }),
      "charge the card"
    )
    expect(isCardDecline(error)).toBe(true)
    expect(error.code).toBe("authentication_required")
  })

  it("marks connection errors (after the SDK's retries) as undecided: never charge again", () => {
    const error = toMedusaError(
      new Stripe.errors.StripeConnectionError({ message: "Request aborted due to timeout being reached (40000ms)" }),
      "capture the payment"
    )
    expect(isUndecidedOutcome(error)).toBe(true)
    expect(isCardDecline(error)).toBe(false)
    expect(error.type).toBe(MedusaError.Types.UNEXPECTED_STATE)
    expect(error.code).toBe(UNDECIDED_OUTCOME_CODE)
    expect(error.message).toMatch(/Stripe did not answer while trying to capture the payment/)
    expect(error.message).toMatch(/do not charge again/)
    expect(httpStatusForStripeError(error)).toBe(502)
    expect(error.code).toBe("stripe_outcome_unknown")
  })

  it("marks Stripe 5xx answers as undecided", () => {
    const error = toMedusaError(
      stripeError({ type: "api_error", statusCode: 500, message: "Something went wrong", requestId: "req_500" }),
      "create the payment"
    )
    expect(isUndecidedOutcome(error)).toBe(true)
    expect(error.message).toMatch(/req_500/)
  })

  it.each([
    [
      { type: "invalid_request_error", statusCode: 400, code: "parameter_invalid_integer", message: "Invalid integer" },
      "invalid_request",
      MedusaError.Types.INVALID_DATA,
      400,
    ],
    [
      { type: "invalid_request_error", statusCode: 404, code: "resource_missing", message: "No such payment_intent" },
      "not_found",
      MedusaError.Types.NOT_FOUND,
      404,
    ],
    [
      { type: "idempotency_error", statusCode: 400, message: "Keys for idempotent requests can only be used with the same parameters" },
      "idempotency_conflict",
      MedusaError.Types.CONFLICT,
      409,
    ],
    [
      {
        type: "idempotency_error",
        statusCode: 409,
        message: "There is currently another in-progress request using this Stripe-Idempotency-Key",
      },
      "idempotency_conflict",
      MedusaError.Types.CONFLICT,
      409,
    ],
    [
      { type: "invalid_request_error", statusCode: 401, message: "Invalid API Key provided: sk_test_****" },
      "authentication",
      MedusaError.Types.UNEXPECTED_STATE,
      502,
    ],
    [
      { type: "invalid_request_error", statusCode: 403, message: "The provided key does not have access" },
      "authentication",
      MedusaError.Types.UNEXPECTED_STATE,
      502,
    ],
    [
      { type: "invalid_request_error", statusCode: 429, code: "rate_limit", message: "Too many requests" },
      "rate_limited",
      MedusaError.Types.UNEXPECTED_STATE,
      503,
    ],
  ])("maps %j to %s", (raw, kind, type, status) => {
    const error = toMedusaError(stripeError(raw), "do it")
    expect(stripeErrorDetails(error)?.kind).toBe(kind)
    expect(error.type).toBe(type)
    expect(httpStatusForStripeError(error)).toBe(status)
    expect(isCardDecline(error)).toBe(false)
  })

  it("passes MedusaErrors through and wraps anything else without inventing Stripe details", () => {
    const medusa = new MedusaError(MedusaError.Types.NOT_FOUND, "nope")
    expect(toMedusaError(medusa, "x")).toBe(medusa)
    const wrapped = toMedusaError(new TypeError("boom"), "read the payment")
    expect(wrapped.message).toBe("Could not read the payment: boom")
    expect(stripeErrorDetails(wrapped)).toBeUndefined()
  })

  it("keeps its details when serialized (workflow errors travel as JSON), but not the SDK error", () => {
    const error = toMedusaError(declined(), "confirm the payment")
    const copy = JSON.parse(JSON.stringify(error))
    expect(isCardDecline(copy)).toBe(true)
    expect(stripeErrorDetails(copy)?.decline_code).toBe("insufficient_funds")
    expect(JSON.stringify(error)).not.toContain("raw")
  })

  it("reads details from the SDK's error directly, too", () => {
    expect(isCardDecline(declined())).toBe(true)
    expect(stripeErrorDetails(new Error("plain"))).toBeUndefined()
  })
})

describe("withStripeRetry", () => {
  const tries = (failures: unknown[]) => {
    let calls = 0
    const request = async () => {
      const failure = failures[calls]
      calls += 1
      if (failure !== undefined) throw failure
      return "ok"
    }
    return { request, calls: () => calls }
  }
  const waits: number[] = []
  const policy = (overrides: Partial<StripeRetryPolicy> = {}): StripeRetryPolicy => ({
    maxNetworkRetries: 2,
    maxRateLimitRetries: 2,
    baseDelayMs: 100,
    maxDelayMs: 1_000,
    sleep: async (ms) => {
      waits.push(ms)
    },
    ...overrides,
  })
  const rateLimited = () => stripeError({ type: "invalid_request_error", statusCode: 429, message: "slow down" })
  const serverError = () => stripeError({ type: "api_error", statusCode: 500, message: "boom" })
  const lost = () => new Stripe.errors.StripeConnectionError({ message: "lost" })
  const keyInUse = () =>
    stripeError({
      type: "idempotency_error",
      statusCode: 409,
      message: "There is currently another in-progress request using this Stripe-Idempotency-Key",
    })

  beforeEach(() => {
    waits.length = 0
  })

  it("retries 429s and network failures on separate budgets and returns the later answer", async () => {
    const call = tries([rateLimited(), serverError(), rateLimited(), lost()])
    await expect(withStripeRetry(call.request, policy())).resolves.toBe("ok")
    expect(call.calls()).toBe(5)
    expect(waits).toHaveLength(4)
  })

  it("gives up after the 429 budget with the 429 itself", async () => {
    const failure = rateLimited()
    const call = tries([failure, failure, failure, failure])
    await expect(withStripeRetry(call.request, policy({ maxRateLimitRetries: 1 }))).rejects.toBe(failure)
    expect(call.calls()).toBe(2)
  })

  it("never retries a decline, a bad request, a 404 or a key conflict", async () => {
    const refusals = [
      declined(),
      stripeError({ type: "invalid_request_error", statusCode: 400, message: "bad" }),
      stripeError({ type: "invalid_request_error", statusCode: 404, code: "resource_missing", message: "No such payment_intent" }),
      keyInUse(),
    ]
    for (const failure of refusals) {
      const call = tries([failure])
      await expect(withStripeRetry(call.request, policy())).rejects.toBe(failure)
      expect(call.calls()).toBe(1)
    }
    expect(waits).toHaveLength(0)
  })

  it("repeats a request that must run once only after a 429, never after an unknown outcome", async () => {
    const unknown = lost()
    const call = tries([rateLimited(), unknown])
    await expect(withStripeRetry(call.request, policy(), "once")).rejects.toBe(unknown)
    expect(call.calls()).toBe(2)
  })

  it("keeps an unknown outcome unknown when the retries then hit a 429 or the key still in use", async () => {
    const unknown = serverError()
    const rateLimitedAfter = tries([unknown, rateLimited(), rateLimited()])
    const error = await rejectionOf(withStripeRetry(rateLimitedAfter.request, policy({ maxRateLimitRetries: 1 })))
    expect(error).toBe(unknown)
    expect(isUndecidedOutcome(error)).toBe(true)

    const timedOut = lost()
    const stillRunning = tries([timedOut, keyInUse(), keyInUse()])
    await expect(withStripeRetry(stillRunning.request, policy({ maxNetworkRetries: 2 }))).rejects.toBe(timedOut)
    expect(stillRunning.calls()).toBe(3)
  })

  it("stops when Stripe says a repeat would change nothing (Stripe-Should-Retry: false)", async () => {
    const failure = stripeError({ type: "api_error", statusCode: 500, message: "boom", headers: { "stripe-should-retry": "false" } })
    const call = tries([failure])
    await expect(withStripeRetry(call.request, policy())).rejects.toBe(failure)
    expect(call.calls()).toBe(1)
  })

  it("backs off exponentially with jitter, capped", () => {
    const limits = { baseDelayMs: 100, maxDelayMs: 350 }
    for (let i = 0; i < 50; i++) {
      expect(backoffMs(1, limits)).toBeGreaterThanOrEqual(50)
      expect(backoffMs(1, limits)).toBeLessThanOrEqual(100)
      expect(backoffMs(2, limits)).toBeGreaterThanOrEqual(100)
      expect(backoffMs(2, limits)).toBeLessThanOrEqual(200)
      expect(backoffMs(5, limits)).toBeGreaterThanOrEqual(175)
      expect(backoffMs(5, limits)).toBeLessThanOrEqual(350)
    }
  })
})

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error("Expected the call to fail, but it succeeded")
}
