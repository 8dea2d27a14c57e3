import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type Stripe from "stripe"
import {
  acquireLockStep,
  authorizePaymentSessionStep,
  capturePaymentWorkflow,
  createPaymentSessionsWorkflow,
  emitEventStep,
  releaseLockStep,
} from "@medusajs/medusa/core-flows"
import type { RecordingSource } from "../../modules/stripe-collect/ledger"
import type { PaymentAttemptRecord } from "../../modules/stripe-collect/ledger-statements"
import { ORDER_LOCK_TTL_SECONDS, ORDER_LOCK_WAIT_SECONDS, orderLockKey } from "../../orders/order-lock"
import type { OrderBalance } from "../../orders/order-balance"
import { keepOrderBalanceAfterPaymentStep } from "../steps/keep-order-balance"
import { loadOrderBalanceStep } from "../steps/load-order-balance"
import { collectionForPaymentStep } from "./steps/collection-for-payment"
import { markAttemptRecordedStep } from "./steps/mark-attempt-recorded"
import { matchAttemptStep } from "./steps/match-attempt"
import { tellMerchantOfExtraPaymentStep } from "./steps/tell-merchant-of-extra-payment"
import { PAYMENT_RECORDED_EVENT } from "../../payment-notifications/events"

export type RecordStripePaymentInput = {
  /** The ledger attempt that claims the payment (written before Stripe was called). */
  attempt_id: string
  /** That attempt as the caller wrote it under the lock it holds (an admin charge): not read again. */
  attempt?: PaymentAttemptRecord
  order_id: string
  /** The PaymentIntent as Stripe has it now, read through the gateway — never taken from a webhook payload. */
  payment_intent: Stripe.PaymentIntent
  /** The Checkout Session it was paid on (payment links), as read from Stripe. */
  checkout_session_id?: string | null
  /** The account the PaymentIntent was read from (`acct_...`), null for the API key's own. */
  stripe_account: string | null
  source: RecordingSource
  captured_by?: string
  /** The order as the caller read it under the lock it holds (an admin charge): not read again. */
  order?: OrderBalance
  /** false when the caller holds the order's lock already. */
  lock?: boolean
}

export const recordStripePaymentWorkflowId = "stripe-collect-record-stripe-payment"

/**
 * The one way money Stripe took becomes a payment on an order (admin charges, payment links, and every
 * recovery path), modelled on Medusa's markPaymentCollectionAsPaid: under the order's lock, match it
 * against the ledger, then a collection, a session of our provider adopting the PaymentIntent (no Stripe
 * call), authorization and capture through Medusa's own workflows, the balance kept truthful, the attempt
 * marked recorded, the merchant told of anything unexpected, and an event for the receipt emails. A failure after Stripe took the money rolls
 * these writes back and leaves the attempt "succeeded" for recovery; nothing is refunded.
 */
export const recordStripePaymentWorkflow = createWorkflow(recordStripePaymentWorkflowId, (input: RecordStripePaymentInput) => {
  const lockKey = transform({ input }, ({ input }) => orderLockKey(input.order_id))
  const locking = transform({ input }, ({ input }) => input.lock !== false)
  when("stripe-collect-record-lock", { locking }, ({ locking }) => locking).then(() => {
    acquireLockStep({ key: lockKey, timeout: ORDER_LOCK_WAIT_SECONDS, ttl: ORDER_LOCK_TTL_SECONDS })
  })

  const match = matchAttemptStep({
    attempt_id: input.attempt_id,
    attempt: input.attempt,
    order_id: input.order_id,
    payment_intent: input.payment_intent,
    checkout_session_id: input.checkout_session_id,
    stripe_account: input.stripe_account,
  })

  const recorded = when("stripe-collect-record-new-payment", { match }, ({ match }) => !match.already).then(() => {
    const order = loadOrderBalanceStep({ order_id: input.order_id, order: input.order })
    const collection = collectionForPaymentStep({ attempt: match.attempt, order, amount: match.amount })

    const session = createPaymentSessionsWorkflow.runAsStep({
      input: transform({ input, match, collection }, ({ input, match, collection }) => ({
        payment_collection_id: collection.id,
        provider_id: match.provider_id,
        data: {},
        // Trusted, server-side: the provider records this PaymentIntent instead of creating one.
        context: { adopt_payment_intent: input.payment_intent, stripe_account: input.stripe_account ?? undefined },
      })),
    })
    const payment = authorizePaymentSessionStep({ id: session.id, context: {} })
    capturePaymentWorkflow.runAsStep({
      input: transform({ input, match, payment }, ({ input, match, payment }) => ({
        payment_id: payment!.id,
        amount: match.amount,
        captured_by: input.captured_by,
      })),
    })

    const balance = keepOrderBalanceAfterPaymentStep(
      transform({ order, collection, match }, ({ order, collection, match }) => ({
        order,
        payment_collection_id: collection.id,
        amount: match.amount,
      }))
    )
    const marked = markAttemptRecordedStep(
      transform({ input, match, payment, collection }, ({ input, match, payment, collection }) => ({
        attempt_id: input.attempt_id,
        attempt: match.attempt,
        payment_link_id: match.attempt.payment_link_id,
        payment_intent: input.payment_intent,
        checkout_session_id: input.checkout_session_id,
        payment_id: payment!.id,
        payment_collection_id: collection.id,
        source: input.source,
      }))
    )
    tellMerchantOfExtraPaymentStep(
      transform({ input, order, match, marked }, ({ input, order, match, marked }) => ({
        order,
        amount: match.amount,
        flow: match.attempt.flow,
        payment_link_id: match.attempt.payment_link_id,
        payment_intent_id: input.payment_intent.id,
        paid_twice: marked.paid_twice,
      }))
    )
    // Receipts and the merchant's "link paid" email: sent by a subscriber once this workflow has succeeded.
    emitEventStep({
      eventName: PAYMENT_RECORDED_EVENT,
      data: transform({ input, payment }, ({ input, payment }) => ({ order_id: input.order_id, payment_id: payment!.id })),
    })
    return { attempt: marked.attempt, payment_id: payment!.id, balance }
  })

  when("stripe-collect-record-unlock", { locking }, ({ locking }) => locking).then(() => {
    releaseLockStep({ key: lockKey })
  })

  return new WorkflowResponse(
    transform({ match, recorded }, ({ match, recorded }) => ({
      already: match.already,
      attempt: recorded?.attempt ?? match.attempt,
      payment_id: recorded?.payment_id ?? match.attempt.payment_id,
    }))
  )
})
