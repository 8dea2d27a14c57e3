import type { CustomersGateway } from "../gateway"
import { stripeErrorDetails } from "../errors"
import type { StripeCall } from "../stripe-call"

// Stripe's largest page; a customer with more saved cards than this is not one an admin picks from.
const MAX_PAYMENT_METHODS = 100

/** Customers: the account holder behind saved cards. */
export function customersGateway(call: StripeCall): CustomersGateway {
  const { stripe } = call
  return {
    create: (params, key) => call.write("create the customer", key, (options) => stripe.customers.create(params, options)),
    update: (id, params, key) => call.write("update the customer", key, (options) => stripe.customers.update(id, params, options)),
    delete: async (id) => {
      try {
        await call.request("delete the customer", (options) => stripe.customers.del(id, {}, options))
      } catch (error) {
        // Deleted already: the wish is fulfilled.
        if (stripeErrorDetails(error)?.kind !== "not_found") throw error
      }
    },
    listPaymentMethods: async (id, { type, limit } = {}) => {
      const page = await call.request("list the saved cards", (options) =>
        stripe.customers.listPaymentMethods(
          id,
          { limit: Math.min(limit ?? MAX_PAYMENT_METHODS, MAX_PAYMENT_METHODS), ...(type ? { type } : {}) },
          options
        )
      )
      return page.data
    },
  }
}
