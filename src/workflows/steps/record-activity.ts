import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { STRIPE_COLLECT_MODULE } from "../../modules/stripe-collect"
import type StripeCollectModuleService from "../../modules/stripe-collect/service"

export type ActivityInput = {
  /** An existing line to complete (a charge's pending attempt) instead of a new one. */
  id?: string
  order_id?: string | null
  kind: "charge" | "payment_link" | "refund" | "dispute" | "webhook" | "error"
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

/**
 * One line in the order's Stripe activity — new, or an existing line (`id`) completed — undone again
 * (removed, or put back as it was) if the workflow that wrote it rolls back.
 */
export const recordActivityStep = createStep(
  "stripe-collect-record-activity",
  async (input: ActivityInput, { container }) => {
    type Undo = { id: string; before: Record<string, unknown> | null }
    const service = container.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)
    if (input.id) {
      const before = await service.retrieveActivity(input.id)
      const activity = await service.updateActivities(input as ActivityInput & { id: string })
      return new StepResponse(activity, { id: input.id, before } as Undo)
    }
    const [activity] = await service.createActivities([input])
    return new StepResponse(activity, { id: activity.id, before: null } as Undo)
  },
  async (undo, { container }) => {
    if (!undo) return
    const service = container.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)
    if (!undo.before) return void (await service.deleteActivities(undo.id))
    const { created_at: _c, updated_at: _u, deleted_at: _d, ...before } = undo.before
    await service.updateActivities(before as ActivityInput & { id: string })
  }
)
