// Disconnecting the merchant's Stripe account, by the admin or by Stripe (access revoked).
export { disconnectStripeAccountWorkflow } from "./disconnect-stripe-account-workflow"
export { stripeAccessRevokedWorkflow, type StripeAccessRevokedInput } from "./stripe-access-revoked-workflow"
