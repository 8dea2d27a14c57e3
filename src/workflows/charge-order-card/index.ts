import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import {
  acquireLockStep,
  authorizePaymentSessionStep,
  capturePaymentWorkflow,
  createPaymentSessionsWorkflow,
  releaseLockStep,
} from "@medusajs/medusa/core-flows"
import { recordActivityStep } from "../steps/record-activity"
import { keepOrderBalanceStep } from "../steps/keep-order-balance"
import { loadOrderBalanceStep } from "../steps/load-order-balance"
import { createOrderCollectionStep } from "../steps/create-order-collection"
import { validateChargeStep } from "./steps/validate-charge"
import { closeOverreachingLinksStep } from "./steps/close-overreaching-links"
import { ATTEMPT_METADATA_KEY, cardOfPayment, orderLockKey } from "./charge-details"

export type ChargeOrderCardInput = {
  order_id: string
  /** Major units, in the order's currency. */
  amount: number
  /** A Stripe PaymentMethod id (a card on file, one made by Stripe Elements, or a test card). */
  payment_method: string
  /** Keep the card on the order's Stripe customer for later charges (the customer agreed). */
  save_card?: boolean
  /** The payment provider to charge with, e.g. pp_stripe-collect_default. */
  provider_id: string
  /** Stripe idempotency key for the PaymentIntent; the same key for retries of the same attempt. */
  stripe_idempotency_key: string
  /** The client's Idempotency-Key header, kept to replay the first answer. */
  request_key?: string
  /** The attempt's pending activity line, completed when the charge is recorded. */
  pending_activity_id?: string
  stripe_customer_id?: string
  stripe_account?: string
  receipt_email?: string
  moto?: boolean
  captured_by?: string
}

export const chargeOrderCardWorkflowId = "stripe-collect-charge-order-card"

/**
 * Charges a card for (part of) an order: one PaymentIntent created and confirmed in one Stripe call,
 * recorded as a captured payment on its own collection through Medusa's capture workflow, so the
 * order's transactions, paid total and payment status move with it.
 */
export const chargeOrderCardWorkflow = createWorkflow(
  chargeOrderCardWorkflowId,
  (input: ChargeOrderCardInput) => {
    const lockKey = transform({ input }, ({ input }) => orderLockKey(input.order_id))
    // Charges on one order run one at a time, so two can never take more than is outstanding.
    acquireLockStep({ key: lockKey, timeout: 60, ttl: 120 })

    const order = loadOrderBalanceStep({ order_id: input.order_id })
    validateChargeStep({ order, amount: input.amount })
    closeOverreachingLinksStep({ order, amount: input.amount })

    const collectionInput = transform({ input, order }, ({ input, order }) => ({
      order_id: order.id,
      currency_code: order.currency_code,
      amount: input.amount,
      role: "charge" as const,
    }))
    const collection = createOrderCollectionStep(collectionInput)

    const sessionInput = transform({ input, order, collection }, ({ input, order, collection }) => ({
      payment_collection_id: collection.id,
      provider_id: input.provider_id,
      data: {
        // The provider creates and confirms the PaymentIntent in authorizePayment (one Stripe call).
        charge_on_authorize: true,
        // Stripe captures at once; Medusa's capture workflow then records it (order transaction).
        capture_through_medusa: true,
        payment_method: input.payment_method,
        save_payment_method: input.save_card ?? false,
        receipt_email: input.receipt_email,
        idempotency_key: input.stripe_idempotency_key,
        description: `Order #${order.display_id}`,
        order_id: order.id,
        order_display_id: String(order.display_id),
        metadata: {
          order_id: order.id,
          order_display_id: String(order.display_id),
          payment_collection_id: collection.id,
          stripe_collect_flow: "admin_charge",
          // Finds this PaymentIntent again when Stripe's answer is lost (src/workflows/reconcile-charges).
          [ATTEMPT_METADATA_KEY]: input.stripe_idempotency_key,
        },
      },
      // Trusted settings travel in the context: a storefront controls a session's data, not this.
      context: {
        stripe_account: input.stripe_account,
        stripe_customer: input.stripe_customer_id,
        off_session: true,
        moto: input.moto ?? false,
      },
    }))
    const session = createPaymentSessionsWorkflow.runAsStep({ input: sessionInput })

    const payment = authorizePaymentSessionStep({ id: session.id, context: {} })

    capturePaymentWorkflow.runAsStep({
      input: transform({ input, payment }, ({ input, payment }) => ({
        payment_id: payment!.id,
        amount: input.amount,
        captured_by: input.captured_by,
      })),
    })

    const balance = keepOrderBalanceStep({ order_id: input.order_id })

    const activityInput = transform({ input, order, collection, payment }, ({ input, order, collection, payment }) => {
      const card = cardOfPayment(payment!.data)
      return {
        id: input.pending_activity_id,
        order_id: order.id,
        kind: "charge" as const,
        status: "succeeded",
        operation: "charge_card",
        amount: input.amount,
        currency_code: order.currency_code,
        payment_collection_id: collection.id,
        stripe_object_id: card.payment_intent_id,
        idempotency_key: input.request_key ?? null,
        attempt_key: input.stripe_idempotency_key,
        card_brand: card.brand,
        card_last4: card.last4,
        livemode: card.livemode,
        message: null,
      }
    })
    const activity = recordActivityStep(activityInput)

    releaseLockStep({ key: lockKey })

    return new WorkflowResponse({ activity, payment, balance })
  }
)
