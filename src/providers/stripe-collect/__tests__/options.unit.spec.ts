import { MedusaError } from "@medusajs/framework/utils"
import { ORDER_LOCK_TTL_SECONDS } from "../../../orders/order-lock"
import { parseStripeCollectOptions, slowestStripeCallMs } from "../options"
import StripeCollectProviderService from "../service"

const valid = { apiKey: "sk_test_abc123", webhookSecret: "whsec_abc" }

function problems(options: unknown): string {
  try {
    parseStripeCollectOptions(options)
  } catch (error) {
    expect(error).toBeInstanceOf(MedusaError)
    return (error as MedusaError).message
  }
  throw new Error("expected the options to be rejected")
}

describe("parseStripeCollectOptions", () => {
  it("fills the defaults", () => {
    expect(parseStripeCollectOptions(valid)).toEqual({
      apiKey: "sk_test_abc123",
      webhookSecret: "whsec_abc",
      capture: true,
      maxNetworkRetries: 2,
      timeout: 40_000,
      multicapture: false,
      moto: false,
      receipts: false,
      stripeJsUrl: "https://js.stripe.com/v3/",
    })
  })

  it("accepts every option", () => {
    const parsed = parseStripeCollectOptions({
      ...valid,
      apiKey: "rk_test_restricted",
      capture: false,
      statementDescriptorSuffix: "ORDER 42",
      connect: { clientId: "ca_123", accountId: "acct_123" },
      apiBase: { host: "127.0.0.1", port: "12111", protocol: "http" },
      maxNetworkRetries: 0,
      timeout: 5000,
      moto: true,
      receipts: true,
      publishableKey: "pk_test_publishable123",
      stripeJsUrl: "http://127.0.0.1:12111/v3/",
    })
    expect(parsed.publishableKey).toBe("pk_test_publishable123")
    expect(parsed.stripeJsUrl).toBe("http://127.0.0.1:12111/v3/")
    expect(parsed.apiBase).toEqual({ host: "127.0.0.1", port: 12111, protocol: "http" })
    expect(parsed.connect).toEqual({ clientId: "ca_123", accountId: "acct_123" })
    expect(parsed.capture).toBe(false)
    expect(parsed.maxNetworkRetries).toBe(0)
  })

  it("treats keys set to undefined or null (unset env vars) as absent", () => {
    const parsed = parseStripeCollectOptions({ ...valid, apiBase: undefined, connect: null, capture: undefined })
    expect(parsed.apiBase).toBeUndefined()
    expect(parsed.connect).toBeUndefined()
    expect(parsed.capture).toBe(true)
  })

  it("defaults the API protocol to https", () => {
    expect(parseStripeCollectOptions({ ...valid, apiBase: { host: "stripe.internal" } }).apiBase).toEqual({
      host: "stripe.internal",
      protocol: "https",
    })
  })

  it.each([
    [{}, /apiKey: is required/],
    [undefined, /apiKey: is required/],
    [{ webhookSecret: "whsec_x" }, /apiKey: is required \(your Stripe secret key/],
    [{ ...valid, apiKey: "pk_test_publishable" }, /apiKey: must be a Stripe secret or restricted key/],
    [{ ...valid, apiKey: "" }, /apiKey: must be a Stripe secret/],
    [{ apiKey: "sk_test_x" }, /webhookSecret: is required/],
    [{ ...valid, webhookSecret: "secret" }, /webhookSecret: must be a webhook signing secret/],
    [{ ...valid, capture: "yes" }, /capture: must be true or false/],
    [{ ...valid, statementDescriptorSuffix: "A".repeat(23) }, /statementDescriptorSuffix: must be at most 22/],
    [{ ...valid, statementDescriptorSuffix: "ORDER*1" }, /statementDescriptorSuffix: must not contain/],
    [{ ...valid, statementDescriptorSuffix: "12345" }, /statementDescriptorSuffix: must contain at least one letter/],
    [{ ...valid, connect: { accountId: "123" } }, /connect.accountId: must start with "acct_"/],
    [{ ...valid, connect: { clientId: "client" } }, /connect.clientId: must start with "ca_"/],
    [{ ...valid, connect: { account: "acct_1" } }, /connect: .*account/i],
    [{ ...valid, apiBase: { host: "" } }, /apiBase.host: must not be empty/],
    [{ ...valid, apiBase: { host: "h", port: 70000 } }, /apiBase.port/],
    [{ ...valid, apiBase: { host: "h", protocol: "ftp" } }, /apiBase.protocol/],
    [{ ...valid, maxNetworkRetries: -1 }, /maxNetworkRetries/],
    [{ ...valid, timeout: 10 }, /timeout/],
    [{ ...valid, publishableKey: "pk_x" }, /publishableKey: must be a Stripe publishable key/],
    [{ ...valid, publishableKey: "pk_live_abc" }, /publishableKey: must be from the same mode as apiKey/],
    [{ ...valid, stripeJsUrl: "js.stripe.com/v3" }, /stripeJsUrl: must be an http\(s\) URL/],
    [{ ...valid, stripeJsUrl: "javascript:alert(1)" }, /stripeJsUrl: must be an http\(s\) URL/],
  ])("rejects %j", (options, message) => {
    expect(problems(options)).toMatch(message)
  })

  it("lists every problem at once, under a heading naming the provider", () => {
    const message = problems({ apiKey: "pk_live_x", webhookSecret: "nope", capture: 1 })
    expect(message).toMatch(/^The stripe-collect payment provider's options are invalid:/)
    expect(message).toMatch(/apiKey/)
    expect(message).toMatch(/webhookSecret/)
    expect(message).toMatch(/capture/)
  })

  it("never repeats a secret in its errors", () => {
    const message = problems({ apiKey: "pk_live_SECRET_VALUE_123", webhookSecret: "SUPER_SECRET_456" })
    expect(message).not.toContain("SECRET_VALUE_123")
    expect(message).not.toContain("SUPER_SECRET_456")
    // A secret key pasted where the publishable key goes is refused without being repeated.
    const misplaced = problems({ ...valid, publishableKey: "sk_live_SECRET_VALUE_789" })
    expect(misplaced).toMatch(/publishableKey: must be a Stripe publishable key/)
    expect(misplaced).not.toContain("SECRET_VALUE_789")
  })
})

describe("live keys", () => {
  const live = { apiKey: "sk_live_abc123", webhookSecret: "whsec_abc" }

  it("refuse a stand-in Stripe API or Stripe.js, and any http: URL", () => {
    expect(problems({ ...live, apiBase: { host: "127.0.0.1", port: 12111, protocol: "http" } })).toMatch(
      /apiBase: must not be set with a live API key/
    )
    expect(problems({ ...live, apiBase: { host: "proxy.example", protocol: "https" } })).toMatch(/apiBase: must not be set/)
    expect(problems({ ...live, stripeJsUrl: "http://127.0.0.1:12111/v3/" })).toMatch(/stripeJsUrl: must be https:\/\/js\.stripe\.com\/v3\//)
    expect(parseStripeCollectOptions({ ...live, stripeJsUrl: "https://js.stripe.com/v3/" }).stripeJsUrl).toBe("https://js.stripe.com/v3/")
  })

  it("need STRIPE_COLLECT_PUBLIC_URL, https, at boot (a test key trusts the request's host)", () => {
    const saved = process.env.STRIPE_COLLECT_PUBLIC_URL
    try {
      delete process.env.STRIPE_COLLECT_PUBLIC_URL
      expect(() => StripeCollectProviderService.validateOptions(live)).toThrow(
        /STRIPE_COLLECT_PUBLIC_URL must be set with a live Stripe key/
      )
      expect(() => StripeCollectProviderService.validateOptions(valid)).not.toThrow()
      process.env.STRIPE_COLLECT_PUBLIC_URL = "http://shop.example"
      expect(() => StripeCollectProviderService.validateOptions(live)).toThrow(/STRIPE_COLLECT_PUBLIC_URL must be an https:\/\/ URL/)
      expect(() => StripeCollectProviderService.validateOptions(valid)).not.toThrow()
      process.env.STRIPE_COLLECT_PUBLIC_URL = "https://shop.example"
      expect(() => StripeCollectProviderService.validateOptions(live)).not.toThrow()
    } finally {
      if (saved === undefined) delete process.env.STRIPE_COLLECT_PUBLIC_URL
      else process.env.STRIPE_COLLECT_PUBLIC_URL = saved
    }
  })
})

describe("the order lock and Stripe's slowest call", () => {
  it("refuses a timeout and retries whose slowest call outlives the order's lock", () => {
    expect(problems({ ...valid, timeout: 120_000, maxNetworkRetries: 2 })).toMatch(
      /timeout: with maxNetworkRetries, allows a Stripe call longer than the order lock/
    )
    expect(parseStripeCollectOptions({ ...valid, timeout: 120_000, maxNetworkRetries: 1 }).timeout).toBe(120_000)
    expect(slowestStripeCallMs(parseStripeCollectOptions(valid))).toBeLessThan(ORDER_LOCK_TTL_SECONDS * 1000)
  })
})

describe("StripeCollectProviderService.validateOptions (what Medusa calls at boot)", () => {
  it("passes valid options and throws on invalid ones", () => {
    expect(() => StripeCollectProviderService.validateOptions(valid)).not.toThrow()
    expect(() => StripeCollectProviderService.validateOptions({ apiKey: "sk_test_x" })).toThrow(/webhookSecret/)
  })

  it("keeps the identifier Medusa registers the provider under", () => {
    expect(StripeCollectProviderService.identifier).toBe("stripe-collect")
  })
})
