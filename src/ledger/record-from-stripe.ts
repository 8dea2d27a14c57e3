import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type Stripe from "stripe"
import { STRIPE_COLLECT_MODULE } from "../modules/stripe-collect"
import type { RecordingSource } from "../modules/stripe-collect/ledger"
import type StripeCollectModuleService from "../modules/stripe-collect/service"
import type { OrderBalance } from "../orders/order-balance"
import { stripeGateway } from "../stripe/configured-gateway"
import { recordStripePaymentWorkflow } from "../workflows/record-stripe-payment"
import { LedgerMismatchError } from "../workflows/record-stripe-payment/steps/match-attempt"
import { CANCELED_ORDER_PAID, type CanceledOrderPayment } from "../refunds/refund-canceled-order-payment"
import { bankRefused, holdProcessingPayment, isProcessing, reopenAfterFailedPayment } from "./bank-debits"

/**
 * What became of a Stripe object handed to the ledger:
 * - recorded / already_recorded: money in, on the order of the attempt that claims it;
 * - not_ours: no attempt of ours claims it (someone else's payment, or a storefront checkout);
 * - not_paid: claimed, but Stripe has not taken the money (yet);
 * - declined / expired / not_charged: claimed, and now settled as that;
 * - mismatch: claimed, but amount, currency, account or order disagree with the attempt: never recorded;
 * - processing: a link paid by a bank debit the bank has not settled: held, not recorded;
 * - payment_failed: the bank refused a link's debit: nothing recorded, the link is open again.
 */
export type StripeRecordingResult =
  | "recorded"
  | "already_recorded"
  | "not_ours"
  | "not_paid"
  | "declined"
  | "expired"
  | "not_charged"
  | "mismatch"
  | "processing"
  | "payment_failed"

export type PaymentIntentRef = {
  payment_intent_id: string
  /** Our attempt key from the object's metadata, when it has one (a claim to check, never a proof). */
  attempt_key?: string | null
  /** The account the event came from (`acct_...`), undefined for the API key's own account. */
  account: string | undefined
  source: RecordingSource
}

export type CheckoutSessionRef = {
  checkout_session_id: string
  account: string | undefined
  source: RecordingSource
}

type Attempt = Awaited<ReturnType<StripeCollectModuleService["retrievePaymentAttempt"]>>

const ledgerOf = (container: MedusaContainer) => container.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)
const sameAccount = (attempt: Attempt, account: string | undefined) => (attempt.stripe_account ?? undefined) === account

/** Records a PaymentIntent Stripe reports (webhook, reconciliation), reading it from Stripe first. */
export async function recordPaymentIntentFromStripe(container: MedusaContainer, ref: PaymentIntentRef): Promise<StripeRecordingResult> {
  const ledger = ledgerOf(container)
  const attempt = await ledger.attemptFor({ payment_intent_id: ref.payment_intent_id, attempt_key: ref.attempt_key })
  if (!attempt) return "not_ours"
  if (attempt.status === "recorded" && attempt.payment_intent_id === ref.payment_intent_id) return "already_recorded"
  if (!sameAccount(attempt, ref.account)) return mismatch(container, attempt, `an event of account ${ref.account ?? "(own)"}`)
  const { paymentIntents, checkoutSessions } = stripeGateway(container).onAccount(ref.account)
  if (attempt.flow === "payment_link" && attempt.checkout_session_id) {
    // A link is paid on the Checkout Session our server opened: that session, as Stripe has it, decides.
    const session = await checkoutSessions.retrieve(attempt.checkout_session_id, ["payment_intent", "payment_intent.payment_method"])
    return recordCheckoutSession(container, attempt, session, ref.source)
  }
  // The event may be old or out of order: what Stripe says now is what counts.
  const intent = await paymentIntents.retrieve(ref.payment_intent_id, ["payment_method", "latest_charge"])
  return recordAttemptPayment(container, attempt, intent, { source: ref.source })
}

/** Records a Checkout Session Stripe reports (webhook, return page, reconciliation), reading it from Stripe first. */
export async function recordCheckoutSessionFromStripe(container: MedusaContainer, ref: CheckoutSessionRef): Promise<StripeRecordingResult> {
  const ledger = ledgerOf(container)
  // Only Stripe's own id of a session our server opened claims it; its metadata is never asked.
  const attempt = await ledger.attemptFor({ checkout_session_id: ref.checkout_session_id })
  if (!attempt) return "not_ours"
  if (attempt.status === "recorded") return "already_recorded"
  if (!sameAccount(attempt, ref.account)) return mismatch(container, attempt, `an event of account ${ref.account ?? "(own)"}`)
  const session = await stripeGateway(container)
    .onAccount(ref.account)
    .checkoutSessions.retrieve(ref.checkout_session_id, ["payment_intent", "payment_intent.payment_method"])
  return recordCheckoutSession(container, attempt, session, ref.source)
}

/** A link attempt's Checkout Session as Stripe has it: recorded if paid, settled if it expired unpaid. */
export async function recordCheckoutSession(
  container: MedusaContainer,
  attempt: Attempt,
  session: Stripe.Checkout.Session,
  source: RecordingSource,
  /** The order read under the lock the caller holds, if it holds it. */
  order?: OrderBalance
): Promise<StripeRecordingResult> {
  const paid = session.payment_intent
  const { paymentIntents } = stripeGateway(container).onAccount(attempt.stripe_account ?? undefined)
  const intentOf = async () =>
    paid && typeof paid === "object" ? paid : paid ? await paymentIntents.retrieve(paid, ["payment_method", "latest_charge"]) : undefined
  if (session.payment_status === "paid") {
    const intent = await intentOf()
    if (intent) return recordAttemptPayment(container, attempt, intent, { source, checkout_session_id: session.id, order })
  }
  if (session.status === "complete" && session.payment_status === "unpaid") {
    // A bank debit: Checkout completed, the bank answers days later (async_payment_succeeded / _failed).
    const intent = await intentOf()
    // A caller that passes the order holds its lock already.
    const locked = Boolean(order)
    if (intent && isProcessing(intent)) return holdProcessingPayment(container, attempt, intent, locked)
    if (intent && bankRefused(intent)) return reopenAfterFailedPayment(container, attempt, session, intent, locked)
  }
  if (session.status === "expired") {
    if (attempt.status !== "expired") await ledgerOf(container).settleAttempt(attempt.id, { status: "expired" })
    return "expired"
  }
  return "not_paid"
}

export type RecordAttemptOptions = {
  source: RecordingSource
  checkout_session_id?: string | null
  /** The order read under the lock the caller holds (an admin charge). */
  order?: OrderBalance
  captured_by?: string
}

/**
 * A claimed PaymentIntent as Stripe has it now: recorded through the one recording workflow if it
 * succeeded; a decline settles the attempt; anything else waits. A mismatch is refused and logged.
 */
export async function recordAttemptPayment(
  container: MedusaContainer,
  attempt: Attempt,
  intent: Stripe.PaymentIntent,
  options: RecordAttemptOptions
): Promise<StripeRecordingResult> {
  if (intent.status === "succeeded") {
    try {
      const { result } = await recordStripePaymentWorkflow(container).run({
        input: {
          attempt_id: attempt.id,
          order_id: attempt.order_id,
          payment_intent: intent,
          checkout_session_id: options.checkout_session_id ?? null,
          stripe_account: attempt.stripe_account ?? null,
          source: options.source,
          captured_by: options.captured_by,
          order: options.order,
          lock: !options.order,
        },
      })
      if (result.already) return "already_recorded"
      await refundIfOrderCanceled(container, attempt, result.payment_id, intent.id)
      return "recorded"
    } catch (error) {
      if (error instanceof LedgerMismatchError || (error as Error)?.name === "LedgerMismatchError") {
        return mismatch(container, attempt, (error as Error).message)
      }
      throw error
    }
  }
  const failure = intent.last_payment_error
  if (attempt.flow === "admin_charge" && intent.status === "requires_payment_method" && failure && attempt.status !== "declined") {
    await ledgerOf(container).settleAttempt(attempt.id, {
      status: "declined",
      payment_intent_id: intent.id,
      failure_code: failure.code ?? "card_declined",
      decline_code: failure.decline_code ?? null,
      message: failure.message ?? "The card was declined",
    })
    return "declined"
  }
  return "not_paid"
}

function mismatch(container: MedusaContainer, attempt: Attempt, why: string): "mismatch" {
  container
    .resolve(ContainerRegistrationKeys.LOGGER)
    .warn(`stripe-collect: a Stripe payment claiming attempt ${attempt.id} of order ${attempt.order_id} was not recorded: ${why}`)
  return "mismatch"
}

/**
 * Money recorded on an order canceled meanwhile goes back to the customer: announced on Medusa's event bus, so
 * the refund runs after the caller's order lock is released (src/subscribers/canceled-order-paid.ts).
 */
async function refundIfOrderCanceled(container: MedusaContainer, attempt: Attempt, paymentId: string | null | undefined, intentId: string) {
  if (!paymentId) return
  const orderId = attempt.order_id
  const { data } = await container
    .resolve(ContainerRegistrationKeys.QUERY)
    .graph({ entity: "order", fields: ["status", "display_id"], filters: { id: orderId } })
  const order = data[0] as { status?: string; display_id?: number } | undefined
  if (order?.status !== "canceled") return
  await container.resolve(Modules.EVENT_BUS).emit<CanceledOrderPayment>(
    {
      name: CANCELED_ORDER_PAID,
      data: {
        order_id: orderId,
        order_display_id: order.display_id ?? orderId,
        payment_id: paymentId,
        payment_intent_id: intentId,
        payment_link_id: attempt.payment_link_id,
      },
    },
    { attempts: 3 }
  )
}
