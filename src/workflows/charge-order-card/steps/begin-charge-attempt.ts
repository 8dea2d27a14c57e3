import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { STRIPE_COLLECT_MODULE } from "../../../modules/stripe-collect"
import type { BeginChargeAttempt } from "../../../modules/stripe-collect/ledger"
import type StripeCollectModuleService from "../../../modules/stripe-collect/service"

/**
 * Writes the charge's attempt in the ledger before Stripe is called. Never compensated: if Stripe took
 * the money and anything after fails (or the process dies), this row is how recovery finds it.
 */
export const beginChargeAttemptStep = createStep(
  "stripe-collect-begin-charge-attempt",
  async (input: BeginChargeAttempt, { container }) => {
    const service = container.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)
    return new StepResponse(await service.beginChargeAttempt(input))
  }
)
