import { createMedusaContainer } from "@medusajs/framework/utils"
// The payment module's own provider loader: what `medusa start` runs for each provider in medusa-config.
import loadPaymentProviders from "@medusajs/payment/dist/loaders/providers"

const LIVE_KEY = `sk_live_${"x".repeat(24)}`
const saved = { url: process.env.STRIPE_COLLECT_PUBLIC_URL }
afterEach(() => {
  if (saved.url === undefined) delete process.env.STRIPE_COLLECT_PUBLIC_URL
  else process.env.STRIPE_COLLECT_PUBLIC_URL = saved.url
})

/** Loads our provider as medusa-config.ts registers it (`./src/providers/stripe-collect`, from the project). */
const bootProvider = async (apiKey: string) => {
  const container = createMedusaContainer()
  const error = await loadPaymentProviders({
    container,
    options: {
      providers: [{ resolve: "./src/providers/stripe-collect", id: "default", options: { apiKey, webhookSecret: "whsec_boot_test" } }],
      cloud: {},
    },
  } as Parameters<typeof loadPaymentProviders>[0]).then(
    () => null,
    (e: Error) => e
  )
  return { error, registered: container.hasRegistration("pp_stripe-collect_default") }
}

describe("booting the provider", () => {
  it("refuses a live key with an http:// public URL, naming STRIPE_COLLECT_PUBLIC_URL", async () => {
    process.env.STRIPE_COLLECT_PUBLIC_URL = "http://shop.example"
    const boot = await bootProvider(LIVE_KEY)
    expect(boot.error?.message).toMatch(
      /stripe-collect payment provider cannot start: STRIPE_COLLECT_PUBLIC_URL must be an https:\/\/ URL with a live Stripe key \(got "http:\/\/shop\.example"\)/
    )
    expect(boot.registered).toBe(false)
  })

  it("refuses a live key without a public URL", async () => {
    delete process.env.STRIPE_COLLECT_PUBLIC_URL
    const boot = await bootProvider(LIVE_KEY)
    expect(boot.error?.message).toMatch(/STRIPE_COLLECT_PUBLIC_URL must be set with a live Stripe key/)
    expect(boot.registered).toBe(false)
  })

  it("gets past option checks with a test key and http://, or a live key and https:// (then needs the database)", async () => {
    process.env.STRIPE_COLLECT_PUBLIC_URL = "http://localhost:9000"
    const testKey = await bootProvider("sk_test_abc")
    process.env.STRIPE_COLLECT_PUBLIC_URL = "https://shop.example"
    const liveHttps = await bootProvider(LIVE_KEY)
    // Option checks passed: the provider is registered; the loader then stops at the database it was not given.
    for (const boot of [testKey, liveHttps]) {
      expect(boot.registered).toBe(true)
      expect(String(boot.error)).not.toMatch(/cannot start|invalid|STRIPE_COLLECT_PUBLIC_URL/)
    }
  })
})
