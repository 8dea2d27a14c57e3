import { definePolicies } from "@medusajs/framework/utils"

/** The resource of the plugin's permissions (Medusa's RBAC; used only with its feature flag on). */
export const STRIPE_COLLECT_RESOURCE = "stripe_collect"

/** What a role may do with the plugin, in the merchant's words. */
export const STRIPE_COLLECT_OPERATIONS = {
  read: "See the Stripe card on orders (balance, cards on file, activity, links) and Settings → Stripe",
  charge: "Charge a customer's card for an order",
  refund: "Refund a Stripe payment taken by the plugin",
  send_link: "Email, resend and cancel payment links",
  manage_settings:
    "Connect or disconnect the Stripe account, change the store name and notification address, check Stripe for missed payments",
} as const

export type StripeCollectOperation = keyof typeof STRIPE_COLLECT_OPERATIONS

// Medusa loads every file of a plugin's `policies` folder at boot and syncs these into its RBAC tables.
export const stripeCollectPolicies = definePolicies(
  (Object.keys(STRIPE_COLLECT_OPERATIONS) as StripeCollectOperation[]).map((operation) => ({
    name: `StripeCollect${operation.replace(/(^|_)([a-z])/g, (_, __, c: string) => c.toUpperCase())}`,
    resource: STRIPE_COLLECT_RESOURCE,
    operation,
    description: STRIPE_COLLECT_OPERATIONS[operation],
  }))
)
