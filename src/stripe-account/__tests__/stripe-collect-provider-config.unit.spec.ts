import { Modules } from "@medusajs/framework/utils"
import type { ConfigModule } from "@medusajs/framework/types"
import { findStripeCollectProviderConfig } from "../stripe-collect-provider-config"

// The modules section of a resolved medusa-config, with these payment providers.
function paymentProviders(providers: unknown[]): ConfigModule["modules"] {
  return { [Modules.PAYMENT]: { resolve: "@medusajs/medusa/payment", options: { providers } } }
}

describe("findStripeCollectProviderConfig", () => {
  it("finds the provider registered from the dev app's source", () => {
    const found = findStripeCollectProviderConfig(
      paymentProviders([
        { resolve: "@medusajs/medusa/payment-stripe", id: "stripe", options: { apiKey: "other" } },
        { resolve: "./src/providers/stripe-collect", id: "default", options: { apiKey: "sk_test_1" } },
      ])
    )
    expect(found).toEqual({ id: "default", options: { apiKey: "sk_test_1" } })
  })

  it("finds the provider registered from the installed package, preferring the id default", () => {
    const found = findStripeCollectProviderConfig(
      paymentProviders([
        { resolve: "medusa-stripe-collect/providers/stripe-collect", id: "eu", options: { apiKey: "sk_test_eu" } },
        { resolve: "medusa-stripe-collect/providers/stripe-collect", id: "default", options: { apiKey: "sk_test_main" } },
      ])
    )
    expect(found.options.apiKey).toBe("sk_test_main")
  })

  it("recognises a provider given as a module object by its identifier", () => {
    class StripeCollect {
      static identifier = "stripe-collect"
    }
    const found = findStripeCollectProviderConfig(
      paymentProviders([{ resolve: { services: [StripeCollect] }, id: "default", options: { apiKey: "sk_test_obj" } }])
    )
    expect(found.options.apiKey).toBe("sk_test_obj")
  })

  it("says how to fix a missing registration", () => {
    expect(() => findStripeCollectProviderConfig(paymentProviders([{ resolve: "@medusajs/medusa/payment-stripe", id: "stripe" }]))).toThrow(
      /stripe-collect payment provider is not registered/
    )
  })
})
