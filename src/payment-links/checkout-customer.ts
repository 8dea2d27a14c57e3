import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type Stripe from "stripe"
import { ensureStripeCustomer } from "../charges/stripe-customer"
import type { OrderBalance } from "../orders/order-balance"
import { stripeCollectProviderId } from "../stripe-account/stripe-collect-provider-config"

type CheckoutCustomerParams = Pick<Stripe.Checkout.SessionCreateParams, "customer" | "customer_email" | "saved_payment_method_options">

/**
 * Who pays a link's Checkout. An order with a customer gets their Stripe customer and Checkout's own "save my
 * card" box (`payment_method_save: "enabled"`): the card is kept, for a later Charge card, only if the customer
 * ticks it. A guest order, or a Stripe customer that cannot be made now, pays by email without the box.
 */
export async function checkoutCustomerParams(
  container: MedusaContainer,
  order: Pick<OrderBalance, "id" | "customer_id">,
  email: string,
  stripeAccount: string | undefined
): Promise<CheckoutCustomerParams> {
  if (!order.customer_id) return { customer_email: email }
  try {
    const customer = await ensureStripeCustomer(container, order.id, stripeCollectProviderId(container), stripeAccount)
    return { customer, saved_payment_method_options: { payment_method_save: "enabled" } }
  } catch (error) {
    // Paying matters more than the option to save: the customer still pays, without the box.
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .warn(
        `stripe-collect: order ${order.id}'s Checkout offers no "save my card": ${error instanceof Error ? error.message : String(error)}`
      )
    return { customer_email: email }
  }
}
