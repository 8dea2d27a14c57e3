import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import type { ConfigModule, MedusaContainer } from "@medusajs/framework/types"

const PROVIDER_IDENTIFIER = "stripe-collect"

/** Where the payment provider "stripe-collect" is registered in medusa-config, and with which options. */
export type StripeCollectProviderConfig = {
  /** The id given in medusa-config (`"default"` in the docs); the provider is `pp_stripe-collect_<id>`. */
  id: string
  /** The options exactly as written in medusa-config (validated by the provider itself at boot). */
  options: Record<string, unknown>
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value)

// A provider entry's `resolve` is a path/package name or the module object itself.
function isStripeCollectProvider(resolve: unknown): boolean {
  if (typeof resolve === "string") {
    return /(^|[\\/])stripe-collect([\\/](index(\.[cm]?[jt]s)?)?)?$/.test(resolve)
  }
  if (isRecord(resolve) && Array.isArray(resolve.services)) {
    return resolve.services.some(
      (service: unknown) => typeof service === "function" && "identifier" in service && service.identifier === PROVIDER_IDENTIFIER
    )
  }
  return false
}

/**
 * Reads the stripe-collect payment provider's options from the app's config module.
 * Why the config module: the provider instance lives inside the payment module's own container
 * (Medusa 2.21 registers `pp_stripe-collect_<id>` there, not in the app container), so routes and
 * workflows cannot resolve it; the provider options in medusa-config stay the single source.
 */
export function readStripeCollectProviderConfig(container: Pick<MedusaContainer, "resolve">): StripeCollectProviderConfig {
  return findStripeCollectProviderConfig(container.resolve(ContainerRegistrationKeys.CONFIG_MODULE).modules)
}

/** The stripe-collect entry among the payment module's providers of a resolved medusa-config. */
export function findStripeCollectProviderConfig(modules: ConfigModule["modules"]): StripeCollectProviderConfig {
  const payment = modules?.[Modules.PAYMENT]
  const providers = isRecord(payment) && isRecord(payment.options) ? payment.options.providers : undefined

  const ours = (Array.isArray(providers) ? providers : []).filter(isRecord).filter((entry) => isStripeCollectProvider(entry.resolve))
  const chosen = ours.find((entry) => entry.id === "default") ?? ours[0]
  if (!chosen) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      "The stripe-collect payment provider is not registered: add it under the payment module's providers in medusa-config"
    )
  }
  return {
    id: typeof chosen.id === "string" ? chosen.id : "default",
    options: isRecord(chosen.options) ? chosen.options : {},
  }
}

/** The payment provider charges and links use: `pp_stripe-collect_<id>` as registered in medusa-config. */
export const stripeCollectProviderId = (container: Pick<MedusaContainer, "resolve">) =>
  `pp_stripe-collect_${readStripeCollectProviderConfig(container).id}`
