import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { LinkPaymentMethods } from "../../payment-links/how-customers-pay"
import { upsertStripeConnectionStep } from "../steps/upsert-stripe-connection"

export type SaveLinkPaymentMethodsInput = {
  link_payment_methods: LinkPaymentMethods
  /** A Stripe payment method configuration (`pmc_...`) for "all"; null = the account's default. */
  payment_method_configuration: string | null
}

/** Settings → Stripe → Payment links: saves which methods a link's Checkout offers from the next Pay press on. */
export const saveLinkPaymentMethodsWorkflow = createWorkflow(
  "stripe-collect-save-link-payment-methods",
  (input: SaveLinkPaymentMethodsInput) => {
    const connection = upsertStripeConnectionStep(
      transform({ input }, ({ input }) => ({
        link_payment_methods: input.link_payment_methods,
        payment_method_configuration: input.link_payment_methods === "all" ? input.payment_method_configuration : null,
      }))
    )
    return new WorkflowResponse(connection)
  }
)
