import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type Stripe from "stripe"
import { STRIPE_COLLECT_MODULE } from "../../../modules/stripe-collect"
import { ATTEMPT_METADATA_KEY } from "../../../modules/stripe-collect/ledger"
import type StripeCollectModuleService from "../../../modules/stripe-collect/service"
import type { PaymentAttemptRecord } from "../../../modules/stripe-collect/ledger-statements"
import { stripeCollectProviderId } from "../../../stripe-account/stripe-collect-provider-config"
import { asMinorUnits, fromMinorUnitsToNumber, toMinorUnits } from "../../../stripe/money"

export type MatchAttemptInput = {
  attempt_id: string
  /** The attempt as the caller wrote it under the order's lock it holds (an admin charge): not read again. */
  attempt?: PaymentAttemptRecord
  order_id: string
  payment_intent: Stripe.PaymentIntent
  checkout_session_id?: string | null
  stripe_account: string | null
}

/** Thrown when a Stripe payment does not match the attempt that claims it: it is never recorded. */
export class LedgerMismatchError extends MedusaError {
  constructor(message: string) {
    super(MedusaError.Types.NOT_ALLOWED, message)
    this.name = "LedgerMismatchError"
  }
}

/**
 * Money in is recorded only when it matches what our server wrote before it called Stripe: the
 * attempt's order, amount, currency and account, claimed by Stripe's own id or by the attempt key we
 * put in the metadata, and not already backing a Medusa payment. Runs under the order's lock.
 */
export const matchAttemptStep = createStep("stripe-collect-match-attempt", async (input: MatchAttemptInput, { container }) => {
  const service = container.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)
  const intent = input.payment_intent
  const attempt = input.attempt?.id === input.attempt_id ? input.attempt : await service.retrievePaymentAttempt(input.attempt_id)
  const refuse = (why: string): never => {
    throw new LedgerMismatchError(`PaymentIntent ${intent.id} is not recorded on order ${attempt.order_id}: ${why}`)
  }

  if (attempt.order_id !== input.order_id) refuse(`attempt ${attempt.id} is for order ${attempt.order_id}`)
  if (attempt.status === "recorded") {
    if (attempt.payment_intent_id === intent.id) {
      return new StepResponse({ attempt, amount: Number(attempt.amount), already: true, provider_id: "" })
    }
    refuse(`attempt ${attempt.id} already records PaymentIntent ${attempt.payment_intent_id}`)
  }

  // A link's money is claimed by the Checkout Session our server opened (Stripe's id, read from Stripe);
  // the attempt key in metadata counts only where Stripe's id was never heard (a lost answer).
  const byCheckout = attempt.flow === "payment_link" && !!attempt.checkout_session_id
  const claimed =
    intent.id === attempt.payment_intent_id ||
    (byCheckout
      ? input.checkout_session_id === attempt.checkout_session_id
      : intent.metadata?.[ATTEMPT_METADATA_KEY] === attempt.attempt_key)
  if (!claimed) refuse(`it was not paid on attempt ${attempt.id}'s ${byCheckout ? "Checkout Session" : "PaymentIntent"}`)
  if (attempt.payment_intent_id && attempt.payment_intent_id !== intent.id) {
    refuse(`attempt ${attempt.id} was paid by PaymentIntent ${attempt.payment_intent_id}`)
  }
  if ((attempt.stripe_account ?? null) !== (input.stripe_account ?? null)) {
    refuse(`it is on Stripe account ${input.stripe_account ?? "(own)"}, the attempt on ${attempt.stripe_account ?? "(own)"}`)
  }
  if (intent.status !== "succeeded") refuse(`it is ${intent.status}, not succeeded`)
  const currency = attempt.currency_code.toLowerCase()
  if (intent.currency !== currency) refuse(`it is in ${intent.currency.toUpperCase()}, the attempt in ${currency.toUpperCase()}`)
  const expected = toMinorUnits(attempt.amount, currency)
  if (asMinorUnits(intent.amount_received) !== expected) {
    refuse(
      `Stripe took ${fromMinorUnitsToNumber(asMinorUnits(intent.amount_received), currency)}, the attempt asked for ` +
        `${fromMinorUnitsToNumber(expected, currency)} ${currency.toUpperCase()}`
    )
  }
  // A PaymentIntent made for a Medusa payment session (a storefront checkout) backs that session's payment.
  const sessionId = intent.metadata?.session_id
  if (sessionId) {
    const [session] = await container.resolve(Modules.PAYMENT).listPaymentSessions({ id: sessionId }, { select: ["id"], take: 1 })
    if (session) refuse(`it belongs to Medusa payment session ${sessionId}`)
  }
  const provider_id = stripeCollectProviderId(container)
  return new StepResponse({ attempt, amount: Number(attempt.amount), already: false, provider_id })
})
