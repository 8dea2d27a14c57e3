import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { readStripeAccount, type StripeAccountSummary } from "../../../stripe-account/read-stripe-account"

export const retrieveConnectedAccountStepId = "retrieve-connected-stripe-account"

/** Reads the newly connected account (as `Stripe-Account`) for its name; proves the grant works. */
export const retrieveConnectedAccountStep = createStep(
  retrieveConnectedAccountStepId,
  async (input: { stripe_account_id: string }, { container }) => {
    const check = await readStripeAccount(container, {
      stripe_account_id: input.stripe_account_id,
      operation: "Connect Stripe",
    })
    if (!check.ok) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, check.failure.message, check.failure.kind)
    }
    return new StepResponse<StripeAccountSummary>(check.account)
  }
)
