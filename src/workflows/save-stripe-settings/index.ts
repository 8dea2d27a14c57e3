// Saving the Settings → Stripe form.
export { saveStripeSettingsWorkflow, type SaveStripeSettingsInput } from "./save-stripe-settings-workflow"
export { maskApiKey } from "./mask-api-key"
export type { StripeKeyCheck } from "./steps/check-stripe-api-key"
