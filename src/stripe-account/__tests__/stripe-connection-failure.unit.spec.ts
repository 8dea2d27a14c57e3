import { MedusaError } from "@medusajs/framework/utils"
import Stripe from "stripe"
import { StripeCollectError, toMedusaError } from "../../stripe/errors"
import { stripeAccountName } from "../stripe-account-name"
import { describeStripeConnectionFailure } from "../stripe-connection-failure"

// Errors built the way the SDK builds them from Stripe's error bodies.
const fromStripe = (raw: Parameters<typeof Stripe.errors.generateV1Error>[0]) => Stripe.errors.generateV1Error(raw)

describe("describeStripeConnectionFailure", () => {
  it("calls a rejected key an access problem and keeps Stripe's request id", () => {
    const error = fromStripe({
      type: "invalid_request_error",
      message: "Invalid API Key provided: sk_test_****1234",
      statusCode: 401,
      requestId: "req_abc",
    })
    expect(error).toBeInstanceOf(Stripe.errors.StripeAuthenticationError)
    expect(describeStripeConnectionFailure(error)).toEqual({
      kind: "stripe_access_rejected",
      message: "Stripe rejected the API key: Invalid API Key provided: sk_test_****1234",
      stripe_request_id: "req_abc",
    })
  })

  it("calls a revoked connected account an access problem", () => {
    const error = fromStripe({
      type: "invalid_request_error",
      message: "The provided key does not have access to account",
      statusCode: 403,
      requestId: "req_perm",
    })
    expect(describeStripeConnectionFailure(error)?.kind).toBe("stripe_access_rejected")
  })

  it("calls Stripe's own failures and outages 'unreachable'", () => {
    const error = fromStripe({ type: "api_error", message: "Something went wrong", statusCode: 500, requestId: "req_500" })
    expect(describeStripeConnectionFailure(error)).toMatchObject({ kind: "stripe_unreachable", stripe_request_id: "req_500" })
    const offline = new Stripe.errors.StripeConnectionError({ message: "connect ECONNREFUSED" })
    expect(describeStripeConnectionFailure(offline)?.kind).toBe("stripe_unreachable")
  })

  it("leaves errors that are not Stripe's alone", () => {
    expect(describeStripeConnectionFailure(new TypeError("x is undefined"))).toBeNull()
    expect(describeStripeConnectionFailure(new MedusaError(MedusaError.Types.INVALID_ARGUMENT, "bad account id"))).toBeNull()
  })

  it("tells the same story from the gateway's mapped errors (what callers see now)", () => {
    const rejectedKey = toMedusaError(
      fromStripe({
        type: "invalid_request_error",
        message: "Invalid API Key provided: sk_test_****1234",
        statusCode: 401,
        requestId: "req_abc",
      }),
      "read the Stripe account"
    )
    expect(rejectedKey).toBeInstanceOf(StripeCollectError)
    expect(describeStripeConnectionFailure(rejectedKey)).toEqual({
      kind: "stripe_access_rejected",
      message: "Stripe rejected the API key: Invalid API Key provided: sk_test_****1234",
      stripe_request_id: "req_abc",
    })
    const revoked = toMedusaError(
      fromStripe({ type: "invalid_request_error", message: "The provided key does not have access to account", statusCode: 403 }),
      "read the Stripe account"
    )
    expect(describeStripeConnectionFailure(revoked)).toMatchObject({
      kind: "stripe_access_rejected",
      message: "Stripe refused access to the account: The provided key does not have access to account",
    })
    const unknownAccount = toMedusaError(
      fromStripe({ type: "invalid_request_error", message: "No such account", statusCode: 404, code: "resource_missing" }),
      "read the Stripe account"
    )
    expect(describeStripeConnectionFailure(unknownAccount)).toMatchObject({
      kind: "stripe_access_rejected",
      message: "Stripe refused the request: No such account",
    })
    const outage = toMedusaError(
      fromStripe({ type: "api_error", message: "Something went wrong", statusCode: 500, requestId: "req_500" }),
      "read the Stripe account"
    )
    expect(describeStripeConnectionFailure(outage)).toEqual({
      kind: "stripe_unreachable",
      message: "Stripe answered with an error (HTTP 500): Something went wrong",
      stripe_request_id: "req_500",
    })
    const offline = toMedusaError(new Stripe.errors.StripeConnectionError({ message: "connect ECONNREFUSED" }), "read the Stripe account")
    expect(describeStripeConnectionFailure(offline)).toMatchObject({
      kind: "stripe_unreachable",
      message: "Stripe could not be reached: connect ECONNREFUSED",
    })
    // After the gateway's retries, still a 429: Stripe is there but not answering us now.
    const rateLimited = toMedusaError(
      fromStripe({ type: "invalid_request_error", message: "Too many requests", statusCode: 429 }),
      "read the Stripe account"
    )
    expect(describeStripeConnectionFailure(rateLimited)?.kind).toBe("stripe_unreachable")
  })

  it("calls a refused Connect OAuth exchange an access problem, raw or mapped", () => {
    const usedCode = Stripe.errors.generateOAuthError({
      type: "invalid_grant",
      message: "Authorization code does not exist: ac_123",
      statusCode: 400,
      requestId: "req_oauth",
    })
    const expected = {
      kind: "stripe_access_rejected",
      message: "Stripe refused the connection: Authorization code does not exist: ac_123",
      stripe_request_id: "req_oauth",
    }
    expect(describeStripeConnectionFailure(usedCode)).toEqual(expected)
    expect(describeStripeConnectionFailure(toMedusaError(usedCode, "connect the Stripe account"))).toEqual(expected)
  })
})

describe("stripeAccountName", () => {
  it("prefers the Dashboard display name, then the business name, then the email", () => {
    expect(
      stripeAccountName({
        settings: { dashboard: { display_name: "Acme Shop" } } as Stripe.Account.Settings,
        business_profile: { name: "Acme Ltd" } as Stripe.Account.BusinessProfile,
        email: "a@acme.test",
      })
    ).toBe("Acme Shop")
    expect(
      stripeAccountName({ settings: null, business_profile: { name: "Acme Ltd" } as Stripe.Account.BusinessProfile, email: "a@acme.test" })
    ).toBe("Acme Ltd")
    expect(stripeAccountName({ settings: null, business_profile: null, email: "a@acme.test" })).toBe("a@acme.test")
    expect(stripeAccountName({ settings: null, business_profile: null, email: null })).toBeNull()
  })
})
