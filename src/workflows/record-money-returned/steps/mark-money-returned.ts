import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { STRIPE_COLLECT_MODULE } from "../../../modules/stripe-collect"
import type StripeCollectModuleService from "../../../modules/stripe-collect/service"

export type MarkMoneyReturnedInput = {
  money_out_id: string
  payment_id: string
  stripe_status: string
  order_id: string
  amount: number
  currency_code: string
  stripe_object_id: string
  kind: "refund" | "dispute_lost"
  message: string
  livemode: boolean
}

/** The ledger's row says where the returned money is recorded, and the order's activity shows it; undone on rollback. */
export const markMoneyReturnedStep = createStep(
  "stripe-collect-mark-money-returned",
  async (input: MarkMoneyReturnedInput, { container }) => {
    const service = container.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)
    const before = await service.retrieveMoneyOut(input.money_out_id)
    const [activity] = await service.createActivities([
      {
        order_id: input.order_id,
        kind: input.kind === "refund" ? "refund" : "dispute",
        status: input.kind === "refund" ? "failed" : "won",
        operation: input.kind === "refund" ? "refund_failed" : "dispute_funds_reinstated",
        amount: input.amount,
        currency_code: input.currency_code,
        stripe_object_id: input.stripe_object_id,
        message: input.message,
        livemode: input.livemode,
      },
    ])
    await service.updateMoneyOuts({
      id: input.money_out_id,
      stripe_status: input.stripe_status,
      returned_payment_id: input.payment_id,
      returned_at: new Date(),
    })
    return new StepResponse(undefined, { id: input.money_out_id, stripe_status: before.stripe_status, activity_id: activity.id })
  },
  async (undo, { container }) => {
    if (!undo) return
    const service = container.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)
    await service.updateMoneyOuts({ id: undo.id, stripe_status: undo.stripe_status, returned_payment_id: null, returned_at: null })
    await service.deleteActivities(undo.activity_id)
  }
)
