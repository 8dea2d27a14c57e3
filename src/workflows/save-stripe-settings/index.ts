import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { upsertStripeConnectionStep } from "../steps/upsert-stripe-connection"
import { checkStripeApiKeyStep } from "./steps/check-stripe-api-key"

export type SaveStripeSettingsInput = {
  /** The name to show for this Stripe account (emails, payment pages). */
  store_name: string
  /** Where integration errors are emailed. */
  error_email: string
  /** The invoice number's prefix; left as it was when absent. */
  invoice_prefix?: string
  /** The store's postal address for invoices and receipts (lines); null: none. Left as it was when absent. */
  store_address?: string | null
  /** Where link payments and disputes are emailed; null: error_email. Left as it was when absent. */
  payment_notification_email?: string | null
  /** Email customers a receipt after each payment; left as it was when absent. */
  customer_receipts?: boolean
}

/**
 * Done on Settings → Stripe: saves the store name and error address, then (API-key mode) checks
 * the key with Stripe. A failed check is reported, not thrown: the settings stay saved.
 */
export const saveStripeSettingsWorkflow = createWorkflow("stripe-collect-save-stripe-settings", (input: SaveStripeSettingsInput) => {
  upsertStripeConnectionStep(
    transform({ input }, ({ input }) => ({
      store_name: input.store_name,
      error_email: input.error_email,
      ...(input.invoice_prefix ? { invoice_prefix: input.invoice_prefix } : {}),
      ...(input.store_address !== undefined ? { store_address: input.store_address } : {}),
      ...(input.payment_notification_email !== undefined ? { payment_notification_email: input.payment_notification_email } : {}),
      ...(input.customer_receipts !== undefined ? { customer_receipts: input.customer_receipts } : {}),
    }))
  )
  const keyCheck = checkStripeApiKeyStep()
  when({ keyCheck }, ({ keyCheck }) => keyCheck.changes !== null).then(() => {
    upsertStripeConnectionStep(transform({ keyCheck }, ({ keyCheck }) => keyCheck.changes ?? {})).config({
      name: "save-checked-stripe-account",
    })
  })
  return new WorkflowResponse(transform({ keyCheck }, ({ keyCheck }) => ({ stripe_check: keyCheck.check })))
})
