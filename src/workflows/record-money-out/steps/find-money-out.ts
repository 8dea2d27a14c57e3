import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { STRIPE_COLLECT_MODULE } from "../../../modules/stripe-collect"
import type StripeCollectModuleService from "../../../modules/stripe-collect/service"

/** The ledger's row for a Stripe refund or lost dispute, read under the order's lock: recorded once. */
export const findMoneyOutStep = createStep("stripe-collect-find-money-out", async (input: { stripe_object_id: string }, { container }) => {
  const service = container.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)
  const [row] = await service.listMoneyOuts({ stripe_object_id: input.stripe_object_id }, { take: 1 })
  return new StepResponse({ already: Boolean(row?.medusa_refund_id), row: row ?? null })
})
