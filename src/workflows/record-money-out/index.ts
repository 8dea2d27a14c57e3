import { acquireLockStep, refundPaymentWorkflow, releaseLockStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { orderLockKey } from "../../orders/order-lock"
import { findMoneyOutStep } from "./steps/find-money-out"
import { noteRefundOnPaymentStep } from "./steps/note-refund-on-payment"
import { writeMoneyOutStep } from "./steps/write-money-out"
import type { MoneyOutEntry } from "./types"

export type { MoneyOutEntry } from "./types"

export type RecordMoneyOutInput = MoneyOutEntry & {
  /** A Medusa refund reason (`refund_reason_id`), e.g. the plugin's "Dispute lost". */
  refund_reason_id?: string
}

export const recordMoneyOutWorkflowId = "stripe-collect-record-money-out"

/**
 * The one way money that left in Stripe (a refund made there, a lost dispute) becomes a refund on the
 * Medusa payment it left: under the order's lock, once per Stripe id, through Medusa's own refund workflow
 * (payment, order transaction, payment_status), with a note on the payment that makes our provider
 * record it without asking Stripe to refund again.
 */
export const recordMoneyOutWorkflow = createWorkflow(recordMoneyOutWorkflowId, (input: RecordMoneyOutInput) => {
  const lockKey = transform({ input }, ({ input }) => orderLockKey(input.order_id))
  acquireLockStep({ key: lockKey, timeout: 60, ttl: 120 })

  const found = findMoneyOutStep({ stripe_object_id: input.stripe_object_id })

  const written = when("stripe-collect-record-new-money-out", { found }, ({ found }) => !found.already).then(() => {
    noteRefundOnPaymentStep({ payment_id: input.payment_id, stripe_id: input.stripe_object_id, amount_minor: input.amount_minor })
    refundPaymentWorkflow.runAsStep({
      input: transform({ input }, ({ input }) => ({
        payment_id: input.payment_id,
        amount: input.amount,
        note: input.message,
        refund_reason_id: input.refund_reason_id,
      })),
    })
    return writeMoneyOutStep(transform({ input, found }, ({ input, found }) => ({ ...input, existing_id: found.row?.id ?? null })))
  })

  releaseLockStep({ key: lockKey })

  return new WorkflowResponse(
    transform({ found, written }, ({ found, written }) => ({ already: found.already, row: written ?? found.row }))
  )
})
