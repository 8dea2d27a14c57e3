import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { InferTypeOf } from "@medusajs/framework/types"
import type Stripe from "stripe"
import { STRIPE_COLLECT_MODULE } from "../../../modules/stripe-collect"
import { chargeFlagsOf, type CardEntry } from "../../../charges/card-entry"
import { ATTEMPT_METADATA_KEY } from "../../../modules/stripe-collect/ledger"
import type PaymentAttempt from "../../../modules/stripe-collect/models/payment-attempt"
import type StripeCollectModuleService from "../../../modules/stripe-collect/service"
import type { OrderBalance } from "../../../orders/order-balance"
import { paymentIntentParams } from "../../../providers/stripe-collect/intent-params"
import { stripeCollectMetadata } from "../../../providers/stripe-collect/metadata"
import { stripeGateway, stripeSettings } from "../../../stripe/configured-gateway"
import type { StripeAccountGateway } from "../../../stripe/gateway"
import { StripeCollectError, stripeErrorDetails } from "../../../stripe/errors"
import type { MinorUnits } from "../../../stripe/money"

export type ChargeCardAtStripeInput = {
  attempt: InferTypeOf<typeof PaymentAttempt>
  order: Pick<OrderBalance, "id" | "display_id" | "email">
  /** The attempt's amount in Stripe's minor units, as the validation converted it. */
  minor_amount: MinorUnits
  payment_method: string
  /** The order customer's Stripe customer (`cus_...`) when the card is one of theirs or is being kept. */
  customer: string | null
  save_card: boolean
  /** How the card is taken: decides off_session / MOTO (src/charges/card-entry.ts). */
  card_entry: CardEntry
}

/**
 * One Stripe call: the PaymentIntent created and confirmed under the attempt's key. What Stripe answers
 * decides the attempt: a refusal is written on it at once, a success is recorded by the next step. When the
 * answer is lost, Stripe is asked — by the attempt key we put in the metadata — before anything is said.
 * Money Stripe took is never given back automatically: if recording fails, the attempt becomes "succeeded"
 * (taken, not recorded) for recovery.
 */
export const chargeCardAtStripeStep = createStep(
  "stripe-collect-charge-card-at-stripe",
  async (input: ChargeCardAtStripeInput, { container }) => {
    const { attempt, order } = input
    const service = container.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)
    const { options } = stripeSettings(container)
    const stripe = stripeGateway(container).onAccount(attempt.stripe_account ?? undefined)
    const currency = attempt.currency_code.toLowerCase()
    const flags = chargeFlagsOf(input.card_entry)
    const params: Stripe.PaymentIntentCreateParams = paymentIntentParams(
      {
        amount: input.minor_amount,
        currency,
        payment_method: input.payment_method,
        customer: input.customer,
        description: `Order #${order.display_id}`,
        receipt_email: options.receipts ? order.email : null,
        metadata: stripeCollectMetadata(undefined, {
          order_id: order.id,
          order_display_id: String(order.display_id),
          stripe_collect_flow: "admin_charge",
          stripe_collect_card_entry: input.card_entry,
          // How a lost answer's PaymentIntent is found again (Stripe's Search API).
          [ATTEMPT_METADATA_KEY]: attempt.attempt_key,
        }),
        save_payment_method: input.save_card,
        capture_method: "automatic",
        off_session: flags.off_session,
        moto: flags.moto,
        error_on_requires_action: flags.error_on_requires_action,
      },
      options
    )

    let intent: Stripe.PaymentIntent
    try {
      intent = await stripe.paymentIntents.createAndConfirm(params, attempt.attempt_key)
    } catch (error) {
      intent = await outcomeOfFailedCall(service, stripe, attempt, error)
    }
    if (intent.status !== "succeeded") {
      const failure = intent.last_payment_error
      const message = failure?.message ?? `Stripe left the payment ${intent.status.replace(/_/g, " ")}; the card was not charged`
      await service.settleAttempt(attempt.id, {
        status: "declined",
        payment_intent_id: intent.id,
        failure_code: failure?.code ?? intent.status,
        decline_code: failure?.decline_code ?? null,
        message,
      })
      throw new StripeCollectError(MedusaError.Types.PAYMENT_AUTHORIZATION_ERROR, message, {
        kind: "card_declined",
        message,
        code: failure?.code ?? intent.status,
        decline_code: failure?.decline_code,
        payment_intent_id: intent.id,
        payment_intent_status: intent.status,
      })
    }
    // Nothing more is written now: recording follows at once and writes the attempt's outcome. Should the
    // process die first, the attempt (pending, its key in the PaymentIntent's metadata) is found by recovery.
    return new StepResponse(intent, { attempt_id: attempt.id, payment_intent_id: intent.id, livemode: intent.livemode })
  },
  // Never a refund: when recording fails after Stripe took the money, the attempt says so, for recovery and the admin.
  async (taken, { container }) => {
    if (!taken) return
    const service = container.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)
    const attempt = await service.retrievePaymentAttempt(taken.attempt_id)
    if (attempt.status === "recorded") return
    await service.settleAttempt(taken.attempt_id, {
      status: "succeeded",
      payment_intent_id: taken.payment_intent_id,
      livemode: taken.livemode,
    })
  }
)

/**
 * A refusal is written on the attempt and rethrown. An unknown outcome (timeout, 5xx, a key Stripe
 * already used) is asked of Stripe: a PaymentIntent it made for this attempt is the answer.
 */
async function outcomeOfFailedCall(
  service: StripeCollectModuleService,
  stripe: StripeAccountGateway,
  attempt: InferTypeOf<typeof PaymentAttempt>,
  error: unknown
): Promise<Stripe.PaymentIntent> {
  const details = stripeErrorDetails(error)
  if (!details) throw error
  if (details.kind === "undecided" || details.kind === "idempotency_conflict") {
    const made = await stripe.paymentIntents.searchByMetadata(ATTEMPT_METADATA_KEY, attempt.attempt_key).catch(() => undefined)
    const intent = made?.find((i) => i.status === "succeeded") ?? made?.[0]
    if (intent) return intent
    await service.settleAttempt(attempt.id, {
      status: "lost",
      message: details.message,
      payment_intent_id: details.payment_intent_id ?? null,
      stripe_request_id: details.request_id ?? null,
    })
    throw error
  }
  if (details.kind === "card_declined") {
    await service.settleAttempt(attempt.id, {
      status: "declined",
      payment_intent_id: details.payment_intent_id ?? null,
      failure_code: details.code ?? "card_declined",
      decline_code: details.decline_code ?? null,
      message: details.message,
      stripe_request_id: details.request_id ?? null,
    })
    throw error
  }
  await service.settleAttempt(attempt.id, {
    status: "failed",
    failure_code: details.code ?? details.kind,
    message: details.message,
    stripe_request_id: details.request_id ?? null,
  })
  throw error
}
