import type { MedusaContainer } from "@medusajs/framework/types"
import { parseStripeCollectOptions, type StripeCollectOptions } from "../providers/stripe-collect/options"
import { readStripeCollectProviderConfig } from "../stripe-account/stripe-collect-provider-config"
import type { StripeGateway } from "./gateway"
import { createStripeGateway } from "./stripe-gateway"

/** The container name under which a test registers its own gateway (`asValue(fake)`), used instead of Stripe. */
export const STRIPE_GATEWAY_REGISTRATION = "stripeCollectGateway"

export type StripeSettings = {
  /** The provider id from medusa-config: `pp_stripe-collect_<id>`, webhooks at `/hooks/payment/stripe-collect_<id>`. */
  providerId: string
  options: StripeCollectOptions
}

type Container = Pick<MedusaContainer, "resolve">

// One parsed copy and one gateway per configured options object (medusa-config's), not one per request.
const settingsByOptions = new WeakMap<object, StripeSettings>()
const gatewayByOptions = new WeakMap<object, StripeGateway>()

/** The stripe-collect provider's id and validated options, as configured in medusa-config. */
export function stripeSettings(container: Container): StripeSettings {
  const { id, options } = readStripeCollectProviderConfig(container)
  const cached = settingsByOptions.get(options)
  if (cached && cached.providerId === id) return cached
  const settings: StripeSettings = { providerId: id, options: parseStripeCollectOptions(options) }
  settingsByOptions.set(options, settings)
  return settings
}

/** The gateway for routes, workflows and subscribers: a registered one (tests), else the configured provider's. */
export function stripeGateway(container: Container): StripeGateway {
  const registered = container.resolve<StripeGateway | undefined>(STRIPE_GATEWAY_REGISTRATION, {
    allowUnregistered: true,
  })
  if (registered) return registered
  const { options: configured } = readStripeCollectProviderConfig(container)
  const cached = gatewayByOptions.get(configured)
  if (cached) return cached
  const gateway = createStripeGateway(stripeSettings(container).options)
  gatewayByOptions.set(configured, gateway)
  return gateway
}
