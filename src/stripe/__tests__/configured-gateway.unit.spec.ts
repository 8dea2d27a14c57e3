// Which gateway routes and workflows get from the container: a registered one (a test's fake), else the configured provider's.
import { asValue } from "@medusajs/framework/awilix"
import { ContainerRegistrationKeys, createMedusaContainer, Modules } from "@medusajs/framework/utils"
import { FakeStripeGateway } from "../../../integration-tests/helpers/fake-stripe-gateway"
import { STRIPE_GATEWAY_REGISTRATION, stripeGateway, stripeSettings } from "../configured-gateway"

const providerOptions = () => ({
  apiKey: "sk_test_configured",
  webhookSecret: "whsec_configured",
  maxNetworkRetries: 1,
})

function containerWith(options: Record<string, unknown>, id = "default") {
  const container = createMedusaContainer()
  container.register(
    ContainerRegistrationKeys.CONFIG_MODULE,
    asValue({
      modules: {
        [Modules.PAYMENT]: {
          resolve: "@medusajs/medusa/payment",
          options: { providers: [{ resolve: "./src/providers/stripe-collect", id, options }] },
        },
      },
    })
  )
  return container
}

describe("stripeGateway(container)", () => {
  it("answers the gateway registered under STRIPE_GATEWAY_REGISTRATION, so tests can hand workflows a fake", () => {
    const container = containerWith(providerOptions())
    const fake = new FakeStripeGateway()
    container.register(STRIPE_GATEWAY_REGISTRATION, asValue(fake))
    expect(STRIPE_GATEWAY_REGISTRATION).toBe("stripeCollectGateway")
    expect(stripeGateway(container)).toBe(fake)
    expect(stripeGateway(container.createScope())).toBe(fake)
  })

  it("otherwise builds one real gateway per configured options object", () => {
    const options = providerOptions()
    const first = stripeGateway(containerWith(options))
    expect(first).not.toBeInstanceOf(FakeStripeGateway)
    expect(first.testMode).toBe(true)
    expect(stripeGateway(containerWith(options))).toBe(first)
    expect(stripeGateway(containerWith(providerOptions()))).not.toBe(first)
  })

  it("gives the provider id and the validated options, defaults filled in", () => {
    const settings = stripeSettings(containerWith(providerOptions(), "eu"))
    expect(settings.providerId).toBe("eu")
    expect(settings.options).toMatchObject({ apiKey: "sk_test_configured", maxNetworkRetries: 1, timeout: 40_000, capture: true })
    expect(() => stripeSettings(containerWith({ apiKey: "pk_test_wrong" }))).toThrow(/apiKey/)
  })
})
