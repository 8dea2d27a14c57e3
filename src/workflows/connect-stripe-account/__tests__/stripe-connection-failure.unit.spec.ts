import Stripe from "stripe"
import { stripeAccountName } from "../stripe-account-name"
import { describeStripeConnectionFailure } from "../stripe-connection-failure"

// Errors built the way the SDK builds them from Stripe's error bodies.
const fromStripe = (raw: Parameters<typeof Stripe.errors.generateV1Error>[0]) => Stripe.errors.generateV1Error(raw)

describe("describeStripeConnectionFailure", () => {
  it("calls a rejected key an access problem and keeps Stripe's request id", () => {
    const error = fromStripe({ type: "invalid_request_error", message: "Invalid API Key provided: sk_test_****1234", statusCode: 401, requestId: "req_abc" })
    expect(error).toBeInstanceOf(Stripe.errors.StripeAuthenticationError)
    expect(describeStripeConnectionFailure(error)).toEqual({
      kind: "stripe_access_rejected",
      message: "Stripe rejected the API key: Invalid API Key provided: sk_test_****1234",
      stripe_request_id: "req_abc",
    })
  })

  it("calls a revoked connected account an access problem", () => {
    const error = fromStripe({ type: "invalid_request_error", message: "The provided key does not have access to account", statusCode: 403, requestId: "req_perm" })
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
  })
})

describe("stripeAccountName", () => {
  it("prefers the Dashboard display name, then the business name, then the email", () => {
    expect(
      stripeAccountName({ settings: { dashboard: { display_name: "Acme Shop" } } as Stripe.Account.Settings, business_profile: { name: "Acme Ltd" } as Stripe.Account.BusinessProfile, email: "a@acme.test" })
    ).toBe("Acme Shop")
    expect(stripeAccountName({ settings: null, business_profile: { name: "Acme Ltd" } as Stripe.Account.BusinessProfile, email: "a@acme.test" })).toBe("Acme Ltd")
    expect(stripeAccountName({ settings: null, business_profile: null, email: "a@acme.test" })).toBe("a@acme.test")
    expect(stripeAccountName({ settings: null, business_profile: null, email: null })).toBeNull()
  })
})
