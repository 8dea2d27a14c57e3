import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { acquireLockStep, authorizePaymentSessionStep, createPaymentSessionsWorkflow, releaseLockStep } from "@medusajs/medusa/core-flows"
import { recordActivityStep } from "../steps/record-activity"
import { ORDER_LOCK_TTL_SECONDS, ORDER_LOCK_WAIT_SECONDS, orderLockKey } from "../../orders/order-lock"
import { createOrderCollectionStep } from "../steps/create-order-collection"
import { keepOrderBalanceStep } from "../steps/keep-order-balance"
import { loadOrderBalanceStep } from "../steps/load-order-balance"
import { attachLinkCollectionStep, createLinkRecordStep } from "./steps/create-link-record"
import { validatePaymentLinkStep, type PaymentLinkRequest } from "./steps/validate-payment-link"

export type CreatePaymentLinkInput = PaymentLinkRequest & {
  order_id: string
  /** SHA-256 of the link token; the token itself never enters the workflow (its input is stored). */
  token_hash: string
  /** The nonce the token is derived from with the server's secret. */
  token_nonce: string
  provider_id: string
  /** The store's time zone: the due date is a day of its calendar. */
  time_zone: string
}

export const createPaymentLinkWorkflowId = "stripe-collect-create-payment-link"

/**
 * A payment link is a payment collection for its amount, linked to the order, with a session of our
 * provider waiting in pending_authorization until the customer pays on Stripe Checkout.
 */
export const createPaymentLinkWorkflow = createWorkflow(createPaymentLinkWorkflowId, (input: CreatePaymentLinkInput) => {
  const lockKey = transform({ input }, ({ input }) => orderLockKey(input.order_id))
  acquireLockStep({ key: lockKey, timeout: ORDER_LOCK_WAIT_SECONDS, ttl: ORDER_LOCK_TTL_SECONDS })

  const order = loadOrderBalanceStep({ order_id: input.order_id })
  const valid = validatePaymentLinkStep({ order, request: input, time_zone: input.time_zone })

  const link = createLinkRecordStep(
    transform({ input, order, valid }, ({ input, order, valid }) => ({
      order_id: order.id,
      token_hash: input.token_hash,
      token_nonce: input.token_nonce,
      amount: valid.amount,
      currency_code: order.currency_code,
      email: valid.email,
      message: valid.message,
      expires_at: valid.expires_at,
      terms: valid.terms,
      due_date: valid.due_date,
      order_total: order.total,
    }))
  )

  const collection = createOrderCollectionStep(
    transform({ order, valid, link }, ({ order, valid, link }) => ({
      order_id: order.id,
      currency_code: order.currency_code,
      amount: valid.amount,
      role: "payment_link" as const,
      metadata: { payment_link_id: link.id },
    }))
  )

  const session = createPaymentSessionsWorkflow.runAsStep({
    input: transform({ input, order, link, collection }, ({ input, order, link, collection }) => ({
      payment_collection_id: collection.id,
      provider_id: input.provider_id,
      data: {},
      // Trusted, server-side: no PaymentIntent yet; the customer pays later on a Checkout Session the plugin opens.
      context: { deferred: true },
    })),
  })
  // Puts the session in pending_authorization, as Medusa expects for deferred payments.
  authorizePaymentSessionStep({ id: session.id, context: {} })

  const attached = attachLinkCollectionStep(
    transform({ link, collection }, ({ link, collection }) => ({
      link_id: link.id,
      payment_collection_id: collection.id,
    }))
  )
  keepOrderBalanceStep({ order_id: input.order_id })

  recordActivityStep(
    transform({ order, valid, link, collection }, ({ order, valid, link, collection }) => ({
      order_id: order.id,
      kind: "payment_link" as const,
      status: "created",
      operation: "create_payment_link",
      amount: valid.amount,
      currency_code: order.currency_code,
      payment_link_id: link.id,
      payment_collection_id: collection.id,
      message: `Payment link for ${valid.email}`,
    }))
  )

  releaseLockStep({ key: lockKey })
  return new WorkflowResponse({ link: attached })
})
