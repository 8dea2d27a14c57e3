// Contract: authentication, unknown routes, and parameter validation errors in Stripe's shape and statuses.
import Stripe from "stripe"
import { failure, itSandboxOnly, useContractTarget } from "./helpers/contract"

const target = useContractTarget()

describe("authentication", () => {
  it("rejects a request without an API key with 401 and an error body", async () => {
    const response = await fetch(`${target().apiBase}/v1/customers`)
    expect(response.status).toBe(401)
    const body = await response.json()
    expect(body.error.type).toBe("invalid_request_error")
    expect(body.error.message).toMatch(/You did not provide an API key/)
  })

  it("rejects an invalid API key with 401 and never echoes the full key", async () => {
    const { client } = target()
    const key = "not_a_stripe_key_1234567890abcd"
    const error = await failure(() => client(key).customers.list())
    expect(error.statusCode).toBe(401)
    expect(error.type).toBe("StripeAuthenticationError")
    expect(error.rawType).toBe("invalid_request_error")
    expect(error.message).toContain("Invalid API Key provided")
    expect(error.message).not.toContain(key)
  })

  itSandboxOnly("accepts any sk_test_ or rk_test_ key, and rejects live keys", async () => {
    const { client } = target()
    await expect(client("sk_test_anything").customers.list()).resolves.toMatchObject({ object: "list" })
    await expect(client("rk_test_restricted").customers.list()).resolves.toMatchObject({ object: "list" })
    const live = await failure(() => client("sk_live_nope").customers.list())
    expect(live.statusCode).toBe(401)
  })

  it("rejects a Stripe-Account header naming an account the key cannot reach", async () => {
    const { stripe } = target()
    const error = await failure(() => stripe.customers.list({}, { stripeAccount: "acct_1DoesNotExist0000" }))
    expect([401, 403]).toContain(error.statusCode)
    expect(error.message).toMatch(/does not have access to account/)
  })
})

describe("routes", () => {
  it("answers an unknown route with a 404 error body, so the SDK throws", async () => {
    const { stripe } = target()
    const error = await failure(() => stripe.rawRequest("GET", "/v1/this_resource_does_not_exist"))
    expect(error.statusCode).toBe(404)
    expect(error.type).toBe("StripeInvalidRequestError")
    expect(error.message).toMatch(/Unrecognized request URL \(GET: \/v1\/this_resource_does_not_exist\)/)
  })

  it("answers an unknown id with 404 resource_missing", async () => {
    const { stripe } = target()
    const error = await failure(() => stripe.paymentIntents.retrieve("pi_3DoesNotExist00000000000"))
    expect(error.statusCode).toBe(404)
    expect(error.code).toBe("resource_missing")
    expect(error.message).toMatch(/No such payment_intent: 'pi_3DoesNotExist00000000000'/)
    const customer = await failure(() => target().stripe.customers.retrieve("cus_DoesNotExist"))
    expect(customer.code).toBe("resource_missing")
  })
})

describe("parameter validation", () => {
  it("rejects an unknown top-level parameter with parameter_unknown", async () => {
    const { stripe } = target()
    const error = await failure(() => stripe.rawRequest("POST", "/v1/payment_intents", { amount: 1000, currency: "usd", colour: "red" }))
    expect(error.statusCode).toBe(400)
    expect(error.code).toBe("parameter_unknown")
    expect(error.param).toBe("colour")
    expect(error.message).toBe("Received unknown parameter: colour")
  })

  it("rejects an unknown nested parameter with its bracketed path", async () => {
    const { stripe } = target()
    const params = {
      amount: 1000,
      currency: "usd",
      payment_method_options: { card: { request_three_d_secure: "automatic", favourite: "yes" } },
    }
    const error = await failure(() => stripe.rawRequest("POST", "/v1/payment_intents", params))
    expect(error.code).toBe("parameter_unknown")
    expect(error.param).toBe("payment_method_options[card][favourite]")
  })

  // MOTO needs enabling on a real account, so this checks the sandbox's allow-list only.
  itSandboxOnly("accepts payment_method_options.card.moto, newer than the bundled spec", async () => {
    const { stripe } = target()
    const intent = await stripe.paymentIntents.create({
      amount: 1000,
      currency: "usd",
      allowed_payment_method_types: ["card"],
      payment_method_options: { card: { moto: true } },
    })
    expect(intent.status).toBe("requires_payment_method")
  })

  it("takes allowed_payment_method_types, and refuses payment_method_types, removed in 2026-09-30.endive", async () => {
    const { stripe } = target()
    const intent = await stripe.paymentIntents.create({ amount: 1000, currency: "usd", allowed_payment_method_types: ["card"] })
    expect(intent.allowed_payment_method_types).toEqual(["card"])
    expect(intent.payment_method_types).toEqual(["card"])
    const error = await failure(() =>
      stripe.rawRequest("POST", "/v1/payment_intents", { amount: 1000, currency: "usd", payment_method_types: ["card"] })
    )
    expect(error.code).toBe("parameter_unknown")
    expect(error.param).toBe("payment_method_types")
  })

  it("rejects a missing required parameter with parameter_missing", async () => {
    const { stripe } = target()
    const error = await failure(() => stripe.rawRequest("POST", "/v1/payment_intents", { currency: "usd" }))
    expect(error.statusCode).toBe(400)
    expect(error.code).toBe("parameter_missing")
    expect(error.param).toBe("amount")
  })

  it("rejects a non-integer amount with parameter_invalid_integer", async () => {
    const { stripe } = target()
    const error = await failure(() => stripe.rawRequest("POST", "/v1/payment_intents", { amount: "ten dollars", currency: "usd" }))
    expect(error.code).toBe("parameter_invalid_integer")
    expect(error.param).toBe("amount")
  })

  it("rejects amounts below the currency minimum and above the maximum", async () => {
    const { stripe } = target()
    const small = await failure(() => stripe.paymentIntents.create({ amount: 49, currency: "usd" }))
    expect(small.code).toBe("amount_too_small")
    expect(small.param).toBe("amount")
    const large = await failure(() => stripe.paymentIntents.create({ amount: 100_000_000, currency: "usd" }))
    expect(large.code).toBe("amount_too_large")
    expect(large.param).toBe("amount")
    const yen = await stripe.paymentIntents.create({ amount: 50, currency: "jpy", allowed_payment_method_types: ["card"] })
    expect(yen.amount).toBe(50)
  })

  it("rejects a value outside an enum", async () => {
    const { stripe } = target()
    const error = await failure(() =>
      stripe.rawRequest("POST", "/v1/payment_intents", { amount: 1000, currency: "usd", capture_method: "later" })
    )
    expect(error.statusCode).toBe(400)
    expect(error.param).toBe("capture_method")
  })

  it("rejects an unknown currency", async () => {
    const { stripe } = target()
    const error = await failure(() => stripe.paymentIntents.create({ amount: 1000, currency: "xyz" }))
    expect(error.statusCode).toBe(400)
    expect(error.param).toBe("currency")
  })

  it("rejects an expansion that is not expandable", async () => {
    const { stripe } = target()
    const intent = await stripe.paymentIntents.create({ amount: 1000, currency: "usd", allowed_payment_method_types: ["card"] })
    const error = await failure(() => stripe.paymentIntents.retrieve(intent.id, { expand: ["amount"] }))
    expect(error.statusCode).toBe(400)
  })

  it("validates list parameters too", async () => {
    const { stripe } = target()
    const error = await failure(() => stripe.rawRequest("GET", "/v1/payment_intents?limit=5&colour=red"))
    expect(error.code).toBe("parameter_unknown")
    expect(error.param).toBe("colour")
  })
})

describe("response headers", () => {
  itSandboxOnly("answers with a Request-Id and the API version the SDK pinned", async () => {
    const { stripe } = target()
    const account = await stripe.accounts.retrieveCurrent()
    expect(account.lastResponse.requestId).toMatch(/^req_/)
    expect(account.lastResponse.apiVersion).toBe(Stripe.API_VERSION)
  })
})
