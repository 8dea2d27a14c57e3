import {
  acquireLockStep,
  refundPaymentsWorkflow,
  refundPaymentWorkflow,
  releaseLockStep,
  useQueryGraphStep,
} from "@medusajs/medusa/core-flows"
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
 * The one way money that left in Stripe (a refund made there or asked for by the plugin, a lost dispute)
 * becomes a refund on the Medusa payment it left: under the order's lock, once per Stripe id, through Medusa's
 * own refund workflow (payment, order transaction, payment_status), with a note on the payment that makes our
 * provider record it without asking Stripe to refund again. A canceled order takes Medusa's refund of several
 * payments instead (the one its own cancel uses): the single-refund workflow adds credit lines, which Medusa
 * refuses on a canceled order.
 */
export const recordMoneyOutWorkflow = createWorkflow(recordMoneyOutWorkflowId, (input: RecordMoneyOutInput) => {
  const lockKey = transform({ input }, ({ input }) => orderLockKey(input.order_id))
  acquireLockStep({ key: lockKey, timeout: 60, ttl: 120 })

  const found = findMoneyOutStep({ stripe_object_id: input.stripe_object_id })
  const { data: orders } = useQueryGraphStep({
    entity: "order",
    fields: ["id", "status"],
    filters: { id: input.order_id },
  }).config({ name: "stripe-collect-money-out-order" })
  const plan = transform({ found, orders }, ({ found, orders }) => ({
    record: !found.already,
    canceled: (orders as Array<{ status?: string }>)[0]?.status === "canceled",
  }))

  when("stripe-collect-note-new-money-out", { plan }, ({ plan }) => plan.record).then(() => {
    noteRefundOnPaymentStep({ payment_id: input.payment_id, stripe_id: input.stripe_object_id, amount_minor: input.amount_minor })
  })
  when("stripe-collect-refund-open-order", { plan }, ({ plan }) => plan.record && !plan.canceled).then(() => {
    refundPaymentWorkflow.runAsStep({
      input: transform({ input }, ({ input }) => ({
        payment_id: input.payment_id,
        amount: input.amount,
        note: input.note ?? input.message,
        refund_reason_id: input.refund_reason_id,
        created_by: input.created_by ?? undefined,
      })),
    })
  })
  when("stripe-collect-refund-canceled-order", { plan }, ({ plan }) => plan.record && plan.canceled).then(() => {
    refundPaymentsWorkflow.runAsStep({
      input: transform({ input }, ({ input }) => [
        {
          payment_id: input.payment_id,
          amount: input.amount,
          note: input.note ?? input.message,
          created_by: input.created_by ?? undefined,
        },
      ]),
    })
  })
  const written = when("stripe-collect-record-new-money-out", { plan }, ({ plan }) => plan.record).then(() =>
    writeMoneyOutStep(transform({ input, found }, ({ input, found }) => ({ ...input, existing_id: found.row?.id ?? null })))
  )

  releaseLockStep({ key: lockKey })

  return new WorkflowResponse(
    transform({ found, written }, ({ found, written }) => ({ already: found.already, row: written ?? found.row }))
  )
})
