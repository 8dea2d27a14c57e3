import type { IPaymentModuleService } from "@medusajs/framework/types"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { STRIPE_COLLECT_MODULE } from "../../../modules/stripe-collect"
import type StripeCollectModuleService from "../../../modules/stripe-collect/service"
import type { MoneyOutEntry } from "../types"

/**
 * The ledger's row for money that left, tied to the Medusa refund that records it (the newest refund of
 * that amount on the payment that no other row holds, read under the order's lock), and the order's
 * activity line. Both removed again if the workflow rolls back.
 */
export const writeMoneyOutStep = createStep(
  "stripe-collect-write-money-out",
  async (input: MoneyOutEntry & { existing_id: string | null }, { container }) => {
    const service = container.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)
    const payments = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
    const refunds = await payments.listRefunds(
      { payment_id: input.payment_id },
      { select: ["id", "amount", "created_at"], order: { created_at: "DESC" }, take: 50 }
    )
    const taken = new Set(
      (await service.listMoneyOuts({ payment_id: input.payment_id }, { select: ["medusa_refund_id"] })).map((r) => r.medusa_refund_id)
    )
    const refund = refunds.find((r) => !taken.has(r.id) && Number(r.amount) === input.amount)
    if (!refund) {
      throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, `Medusa wrote no refund of ${input.amount} on payment ${input.payment_id}`)
    }
    const line = {
      order_id: input.order_id,
      kind: input.kind === "refund" ? ("refund" as const) : ("dispute" as const),
      status: "succeeded",
      operation: input.origin === "medusa" ? "refund" : input.kind === "refund" ? "refund_from_stripe" : "dispute_lost",
      amount: input.amount,
      currency_code: input.currency_code,
      stripe_object_id: input.stripe_object_id,
      message: input.message,
      livemode: input.livemode,
    }
    // A refund request's waiting line becomes the refund's line; its earlier state is kept for a rollback.
    const [waiting] = input.activity_id ? await service.listActivities({ id: input.activity_id }, { take: 1 }) : []
    const activity = waiting ? await service.updateActivities({ id: waiting.id, ...line }) : (await service.createActivities([line]))[0]
    const fields = {
      kind: input.kind,
      stripe_object_id: input.stripe_object_id,
      payment_intent_id: input.payment_intent_id,
      stripe_account: input.stripe_account,
      order_id: input.order_id,
      payment_id: input.payment_id,
      medusa_refund_id: refund.id,
      origin: input.origin,
      amount: input.amount,
      currency_code: input.currency_code,
      stripe_status: input.stripe_status,
      activity_id: activity.id,
    }
    const row = input.existing_id
      ? await service.updateMoneyOuts({ id: input.existing_id, ...fields })
      : (await service.createMoneyOuts([fields]))[0]
    const restore = waiting
      ? {
          id: waiting.id,
          status: waiting.status,
          operation: waiting.operation,
          stripe_object_id: waiting.stripe_object_id,
          message: waiting.message,
        }
      : null
    return new StepResponse(row, { row_id: input.existing_id ? null : row.id, activity_id: activity.id, restore })
  },
  async (undo, { container }) => {
    if (!undo) return
    const service = container.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)
    if (undo.row_id) await service.deleteMoneyOuts(undo.row_id)
    if (undo.restore) await service.updateActivities(undo.restore)
    else await service.deleteActivities(undo.activity_id)
  }
)
