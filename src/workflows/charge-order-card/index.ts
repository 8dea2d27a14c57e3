import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { acquireLockStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { SAVE_CARD_CONSENT } from "../../charges/card-entry"
import { holderOn } from "../../charges/stripe-customer"
import { ORDER_LOCK_TTL_SECONDS, ORDER_LOCK_WAIT_SECONDS, orderLockKey } from "../../orders/order-lock"
import { cardOfPayment } from "../../stripe/card-summary"
import { recordStripePaymentWorkflow } from "../record-stripe-payment"
import { loadOrderBalanceStep } from "../steps/load-order-balance"
import { beginChargeAttemptStep } from "./steps/begin-charge-attempt"
import { chargeCardAtStripeStep } from "./steps/charge-card-at-stripe"
import { checkCardStep } from "./steps/check-card"
import { closeOverreachingLinksStep } from "./steps/close-overreaching-links"
import { recordCardConsentStep } from "./steps/record-card-consent"
import { validateChargeStep } from "./steps/validate-charge"

export type ChargeOrderCardInput = {
  order_id: string
  /** Major units, in the order's currency. */
  amount: number
  /** A Stripe PaymentMethod id (a card on file, one made by Stripe Elements, or a test card). */
  payment_method: string
  /** Keep the card on the order's Stripe customer for later charges (the customer agreed). */
  save_card: boolean
  /** Staff ticked "Mail/phone order" for a card the customer read out (MOTO; needs the provider's moto option). */
  mail_phone_order: boolean
  /** The payment provider's id in medusa-config (`default`): its account holders are the Stripe customers. */
  provider_id: string
  /** Stripe's idempotency key for this attempt: the same for retries of one request, the ledger's attempt key. */
  attempt_key: string
  /** The client's Idempotency-Key header. */
  request_key: string | null
  /** The Stripe customer made for "save card" just before (else the order customer's, if any, is used). */
  stripe_customer_id: string | null
  stripe_account: string | null
  captured_by?: string
}

export const chargeOrderCardWorkflowId = "stripe-collect-charge-order-card"

/**
 * Charges a card for (part of) an order. Under the order's lock, the order is read once and checked, link
 * Checkouts asking for more than would be left are closed, the attempt is written in the ledger, Stripe is
 * called once (create and confirm), and the one recording workflow records what Stripe took.
 */
export const chargeOrderCardWorkflow = createWorkflow(chargeOrderCardWorkflowId, (input: ChargeOrderCardInput) => {
  const lockKey = transform({ input }, ({ input }) => orderLockKey(input.order_id))
  // Charges on one order run one at a time, so two can never take more than is outstanding.
  acquireLockStep({ key: lockKey, timeout: ORDER_LOCK_WAIT_SECONDS, ttl: ORDER_LOCK_TTL_SECONDS })

  const order = loadOrderBalanceStep({ order_id: input.order_id, account_holders: true })
  const minorAmount = validateChargeStep({ order, amount: input.amount })
  const orderCustomer = transform(
    { input, order },
    ({ input, order }) =>
      holderOn(order.customer?.account_holders, `pp_stripe-collect_${input.provider_id}`, input.stripe_account ?? undefined)?.external_id ??
      null
  )
  const cardEntry = checkCardStep(
    transform({ input, orderCustomer }, ({ input, orderCustomer }) => ({
      payment_method: input.payment_method,
      order_customer: orderCustomer,
      stripe_account: input.stripe_account,
      mail_phone_order: input.mail_phone_order,
      save_card: input.save_card,
    }))
  )
  closeOverreachingLinksStep({ order, amount: input.amount })

  const attempt = beginChargeAttemptStep(
    transform({ input, order, cardEntry }, ({ input, order, cardEntry }) => ({
      order_id: order.id,
      amount: input.amount,
      currency_code: order.currency_code,
      stripe_account: input.stripe_account,
      attempt_key: input.attempt_key,
      request_key: input.request_key,
      card_entry: cardEntry,
      actor_id: input.captured_by ?? null,
      consent: input.save_card ? SAVE_CARD_CONSENT : null,
    }))
  )

  const intent = chargeCardAtStripeStep(
    transform(
      { input, order, attempt, minorAmount, orderCustomer, cardEntry },
      ({ input, order, attempt, minorAmount, orderCustomer, cardEntry }) => ({
        attempt,
        order,
        minor_amount: minorAmount,
        payment_method: input.payment_method,
        customer: input.stripe_customer_id ?? orderCustomer,
        save_card: input.save_card,
        card_entry: cardEntry,
      })
    )
  )

  const recorded = recordStripePaymentWorkflow.runAsStep({
    input: transform({ input, order, attempt, intent }, ({ input, order, attempt, intent }) => ({
      attempt_id: attempt.id,
      attempt,
      order_id: order.id,
      payment_intent: intent,
      stripe_account: input.stripe_account,
      source: "charge" as const,
      captured_by: input.captured_by,
      order,
      lock: false,
    })),
  })

  releaseLockStep({ key: lockKey })
  // After the money is recorded: the consent travels with the saved card at Stripe too (best effort, logged).
  recordCardConsentStep(
    transform({ input, attempt, intent }, ({ input, attempt, intent }) => ({
      save_card: input.save_card,
      payment_method: input.payment_method,
      stripe_account: input.stripe_account,
      attempt_key: attempt.attempt_key,
      actor_id: input.captured_by ?? null,
      consented_at: attempt.created_at,
      customer: typeof intent.customer === "string" ? intent.customer : (intent.customer?.id ?? null),
    }))
  )
  return new WorkflowResponse(transform({ recorded, intent }, ({ recorded, intent }) => ({ ...recorded, card: cardOfPayment(intent) })))
})
