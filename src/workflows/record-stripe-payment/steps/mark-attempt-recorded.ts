import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type Stripe from "stripe"
import { STRIPE_COLLECT_MODULE } from "../../../modules/stripe-collect"
import type { RecordingSource } from "../../../modules/stripe-collect/ledger"
import type StripeCollectModuleService from "../../../modules/stripe-collect/service"
import type { PaymentAttemptRecord } from "../../../modules/stripe-collect/ledger-statements"
import { paymentMethodLabel } from "../../../stripe/payment-method-label"
import { cardOfPayment } from "../../../stripe/card-summary"

export type MarkAttemptRecordedInput = {
  attempt_id: string
  /** The attempt as matched under the order's lock. */
  attempt: PaymentAttemptRecord
  /** The link the attempt paid, if it was a payment link's. */
  payment_link_id: string | null
  payment_intent: Stripe.PaymentIntent
  checkout_session_id?: string | null
  payment_id: string
  payment_collection_id: string
  source: RecordingSource
}

/**
 * The attempt becomes "recorded" (and its activity line the payment it is); a link it paid becomes
 * paid — unless the link was paid already by another Checkout, whose payment it keeps. Undone
 * (the money is then "succeeded, not recorded" again, for recovery) if a later step fails.
 */
export const markAttemptRecordedStep = createStep(
  "stripe-collect-mark-attempt-recorded",
  async (input: MarkAttemptRecordedInput, { container }) => {
    const service = container.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)
    const intent = input.payment_intent
    const card = cardOfPayment(intent)
    const link = input.payment_link_id ? await service.retrievePaymentLink(input.payment_link_id) : null
    const paidTwice = !!link && link.status === "paid"

    const attempt = await service.settleAttempt(
      input.attempt_id,
      {
        status: "recorded",
        payment_intent_id: intent.id,
        checkout_session_id: input.checkout_session_id ?? null,
        payment_id: input.payment_id,
        payment_collection_id: input.payment_collection_id,
        card_brand: card.brand,
        card_last4: card.last4,
        method: paymentMethodLabel(intent),
        livemode: intent.livemode,
        source: input.source,
        note: paidTwice ? `Payment link ${link.id} was already paid; this second payment is recorded beside it.` : null,
      },
      input.attempt
    )
    if (link && !paidTwice) {
      await service.updatePaymentLinks({
        id: link.id,
        status: "paid",
        paid_at: new Date(),
        checkout_session_id: input.checkout_session_id ?? link.checkout_session_id,
        payment_intent_id: intent.id,
      })
    }
    return new StepResponse({ attempt, paid_twice: paidTwice }, { attempt_id: input.attempt_id, link: link && !paidTwice ? link : null })
  },
  async (undo, { container }) => {
    if (!undo) return
    const service = container.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)
    await service.undoRecording(undo.attempt_id)
    if (undo.link) {
      const { id, status, paid_at, checkout_session_id, payment_intent_id } = undo.link
      await service.updatePaymentLinks({ id, status, paid_at, checkout_session_id, payment_intent_id })
    }
  }
)
