import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { STRIPE_COLLECT_MODULE } from "../../../modules/stripe-collect"
import type StripeCollectModuleService from "../../../modules/stripe-collect/service"

export type ActivityInput = {
  order_id?: string | null
  kind: "charge" | "payment_link" | "refund" | "webhook" | "error"
  status: string
  operation?: string | null
  amount?: number | null
  currency_code?: string | null
  payment_link_id?: string | null
  payment_collection_id?: string | null
  stripe_object_id?: string | null
  stripe_request_id?: string | null
  idempotency_key?: string | null
  attempt_key?: string | null
  card_brand?: string | null
  card_last4?: string | null
  failure_code?: string | null
  decline_code?: string | null
  message?: string | null
  livemode?: boolean
}

/** One line in the order's Stripe activity; removed again if the workflow that wrote it rolls back. */
export const recordActivityStep = createStep(
  "stripe-collect-record-activity",
  async (input: ActivityInput, { container }) => {
    const service = container.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)
    const [activity] = await service.createActivities([input])
    return new StepResponse(activity, activity.id)
  },
  async (id, { container }) => {
    if (!id) return
    await container.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE).deleteActivities(id)
  }
)
