// Connecting the merchant's Stripe account (Connect OAuth) and reading which account calls act on.
export { startStripeConnectWorkflow, type StartStripeConnectInput } from "./start-stripe-connect-workflow"
export { connectStripeAccountWorkflow, type ConnectStripeAccountInput } from "./connect-stripe-account-workflow"
export { getStripeAccountId } from "./get-stripe-account-id"
export { findStripeConnection, STRIPE_CONNECTION_LOCK, type StripeConnection } from "./stripe-connection"
export { connectClientId } from "./connect-client-id"
export { readStripeCollectProviderConfig } from "./stripe-collect-provider-config"
export { upsertStripeConnectionStep, type StripeConnectionChanges } from "./steps/upsert-stripe-connection"
