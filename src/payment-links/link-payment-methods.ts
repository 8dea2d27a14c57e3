import type { MedusaContainer } from "@medusajs/framework/types"
import type Stripe from "stripe"
import { findStripeConnection } from "../stripe-account/stripe-connection"
import type { LinkPaymentMethods } from "./how-customers-pay"

export type LinkPaymentMethodSettings = {
  methods: LinkPaymentMethods
  /** A Stripe payment method configuration (`pmc_...`) choosing the methods under "all"; null = the account's default. */
  configuration: string | null
}

/** Stripe's payment method configuration ids: `pmc_` and letters or digits. */
export const PAYMENT_METHOD_CONFIGURATION_ID = /^pmc_[A-Za-z0-9]{1,250}$/

/** The store's choice on Settings → Stripe; cards only until the merchant chooses otherwise. */
export async function readLinkPaymentMethods(container: Pick<MedusaContainer, "resolve">): Promise<LinkPaymentMethodSettings> {
  const connection = await findStripeConnection(container)
  if (connection?.link_payment_methods !== "all") return { methods: "cards", configuration: null }
  return { methods: "all", configuration: connection.payment_method_configuration ?? null }
}

/**
 * The Checkout Session parameters that say which methods the customer sees: `card` alone (Apple Pay and
 * Google Pay still show, they are cards), or nothing so Checkout offers the account's dynamic payment methods.
 */
export function checkoutPaymentMethodParams(
  settings: LinkPaymentMethodSettings
): Pick<Stripe.Checkout.SessionCreateParams, "allowed_payment_method_types" | "payment_method_configuration"> {
  if (settings.methods === "cards") return { allowed_payment_method_types: ["card"] }
  return settings.configuration ? { payment_method_configuration: settings.configuration } : {}
}
