import { acquireLockStep, markPaymentCollectionAsPaid, releaseLockStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { orderLockKey } from "../../orders/order-lock"
import { findMoneyOutStep } from "../record-money-out/steps/find-money-out"
import { createOrderCollectionStep } from "../steps/create-order-collection"
import { markMoneyReturnedStep, type MarkMoneyReturnedInput } from "./steps/mark-money-returned"

export type RecordMoneyReturnedInput = Omit<MarkMoneyReturnedInput, "payment_id">

export const recordMoneyReturnedWorkflowId = "stripe-collect-record-money-returned"

/**
 * Money Stripe gave back after Medusa recorded it as gone (a refund that failed, a dispute won after it was
 * lost). Medusa 2.21 cannot undo a refund, so the return is recorded as money in: a collection of exactly
 * that amount on the order, captured through Medusa's own mark-as-paid workflow (the system provider: no
 * card is charged), so Medusa's captured minus refunded equals what Stripe holds for the payment again.
 */
export const recordMoneyReturnedWorkflow = createWorkflow(recordMoneyReturnedWorkflowId, (input: RecordMoneyReturnedInput) => {
  const lockKey = transform({ input }, ({ input }) => orderLockKey(input.order_id))
  acquireLockStep({ key: lockKey, timeout: 60, ttl: 120 })

  // Read again under the lock: two events about the same failure bring the money back once.
  const found = findMoneyOutStep({ stripe_object_id: input.stripe_object_id })
  const payment = when("stripe-collect-money-not-returned-yet", { found }, ({ found }) => !found.row?.returned_at).then(() => {
    const collection = createOrderCollectionStep(
      transform({ input }, ({ input }) => ({
        order_id: input.order_id,
        currency_code: input.currency_code,
        amount: input.amount,
        role: "money_returned" as const,
        metadata: { stripe_object_id: input.stripe_object_id },
      }))
    )
    const paid = markPaymentCollectionAsPaid.runAsStep({
      input: transform({ input, collection }, ({ input, collection }) => ({
        order_id: input.order_id,
        payment_collection_id: collection.id,
      })),
    })
    markMoneyReturnedStep(transform({ input, paid }, ({ input, paid }) => ({ ...input, payment_id: paid!.id })))
    return paid
  })

  releaseLockStep({ key: lockKey })
  return new WorkflowResponse(transform({ payment }, ({ payment }) => ({ returned: Boolean(payment), payment_id: payment?.id ?? null })))
})
