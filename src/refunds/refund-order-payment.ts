import { createHash, randomUUID } from "crypto"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import type Stripe from "stripe"
import { STRIPE_COLLECT_MODULE } from "../modules/stripe-collect"
import type StripeCollectModuleService from "../modules/stripe-collect/service"
import { orderLockKey } from "../orders/order-lock"
import { stripeGateway } from "../stripe/configured-gateway"
import { StripeCollectError, stripeErrorDetails, type StripeErrorDetails } from "../stripe/errors"
import { toMinorUnits } from "../stripe/money"
import { orderStripePayments, type OrderStripePayment } from "./order-stripe-payments"
import { recordRequestedRefund, REFUND_REQUEST_METADATA_KEY, refundRequestLockKey, type RefundRequestRow } from "./record-requested-refund"

export type RefundOrderPaymentRequest = {
  order_id: string
  /** The Medusa payment (of this provider, on this order) to refund. */
  payment_id: string
  /** Major units. */
  amount: number
  refund_reason_id?: string | null
  note?: string | null
  /** The caller's Idempotency-Key: a retry of the same request is the same refund at Stripe. */
  request_key?: string
  actor_id?: string | null
  origin?: "order_card" | "canceled_order"
  /** Overrides the Stripe key (the automatic refund of a canceled order: one per payment). */
  stripe_key?: string
}

export type RefundOutcome = {
  /** A request with this key was made before: this is its answer (or its retry under the same Stripe key). */
  replayed: boolean
  refund: {
    /** The refund request's id. */
    id: string
    /** refunded: Stripe made it and Medusa recorded it; checking: Stripe's answer was lost, it is settled later. */
    status: "refunded" | "checking"
    amount: number
    currency_code: string
    payment_id: string
    stripe_refund_id: string | null
    message: string | null
  }
}

const ledgerOf = (container: MedusaContainer) => container.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)

/** Stripe's idempotency key for a refund request: stable across retries of one request, unique otherwise. */
export function stripeKeyForRefund(paymentId: string, requestKey?: string) {
  const suffix = requestKey ? createHash("sha256").update(requestKey).digest("hex").slice(0, 40) : randomUUID()
  return `stripe-collect-refund-${paymentId}-${suffix}`
}

export const CHECKING_MESSAGE =
  "Stripe did not answer in time, so we do not know yet whether the refund was made. It is being checked: Stripe's webhook or the next check records it once. Do not refund again."

/**
 * Refunds (part of) a Stripe payment of the order: the request is written first (its key is Stripe's
 * idempotency key, and the refund names it in its metadata), then Stripe is asked, then the refund is
 * recorded through Medusa's own refund workflow. More than is refundable is refused before Stripe is asked;
 * Stripe's refusal records nothing; a lost answer is settled later, once, by whoever hears of the refund first.
 */
export async function refundOrderPayment(container: MedusaContainer, input: RefundOrderPaymentRequest): Promise<RefundOutcome> {
  const ledger = ledgerOf(container)
  const stripeKey = input.stripe_key ?? stripeKeyForRefund(input.payment_id, input.request_key)
  const [previous] = input.stripe_key || input.request_key ? await ledger.listRefundRequests({ stripe_key: stripeKey }, { take: 1 }) : []
  if (previous) {
    const answer = answerOfEarlierRequest(previous, input)
    if (answer) return answer
  }
  const request = previous ? await retryRequest(container, previous) : await writeRequest(container, input, stripeKey)
  return askStripe(container, request, Boolean(previous))
}

/** What an earlier request with the same key answers now, or undefined to ask Stripe again under its key. */
function answerOfEarlierRequest(previous: RefundRequestRow, input: RefundOrderPaymentRequest): RefundOutcome | undefined {
  if (previous.payment_id !== input.payment_id || previous.order_id !== input.order_id || Number(previous.amount) !== input.amount) {
    throw new MedusaError(
      MedusaError.Types.CONFLICT,
      `This Idempotency-Key was used for a refund of ${Number(previous.amount)} ${previous.currency_code.toUpperCase()} from payment ${previous.payment_id}; use a new key for another refund`
    )
  }
  switch (previous.status) {
    case "refunded":
      return outcome(previous, "refunded", true)
    case "refused":
      throw refusal(previous)
    case "pending":
      throw new MedusaError(
        MedusaError.Types.CONFLICT,
        "This refund is still waiting for Stripe's answer. Wait a moment, then look at the order's Stripe activity before refunding again."
      )
    default:
      // Lost, or never reached Stripe: the same key asks again, and Stripe answers what it did the first time.
      return undefined
  }
}

/** Under the order's lock: checks the payment and the amount against what is refundable, then writes the request. */
async function writeRequest(container: MedusaContainer, input: RefundOrderPaymentRequest, stripeKey: string): Promise<RefundRequestRow> {
  const ledger = ledgerOf(container)
  await checkRefundReason(container, input.refund_reason_id)
  return container.resolve(Modules.LOCKING).execute(
    orderLockKey(input.order_id),
    async () => {
      const payment = await refundablePayment(container, input.order_id, input.payment_id)
      if (input.amount > payment.refundable) {
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          payment.refundable > 0
            ? `amount: at most ${payment.refundable} ${payment.currency_code.toUpperCase()} of this payment can be refunded` +
                (payment.refund_pending > 0 ? ` (${payment.refund_pending} more is being checked with Stripe)` : "")
            : `amount: nothing of this payment can be refunded (captured ${payment.captured}, refunded ${payment.refunded}` +
                (payment.refund_pending > 0 ? `, ${payment.refund_pending} being checked with Stripe` : "") +
                ")"
        )
      }
      const amountMinor = toMinorUnits(input.amount, payment.currency_code)
      const [request] = await ledger.createRefundRequests([
        {
          order_id: input.order_id,
          payment_id: payment.id,
          payment_intent_id: payment.payment_intent_id,
          stripe_account: payment.stripe_account,
          amount: input.amount,
          amount_minor: amountMinor,
          currency_code: payment.currency_code,
          stripe_key: stripeKey,
          origin: input.origin ?? "order_card",
          status: "pending",
          refund_reason_id: input.refund_reason_id ?? null,
          note: input.note?.trim() || null,
          requested_by: input.actor_id ?? null,
        },
      ])
      return request
    },
    { timeout: 60 }
  )
}

async function retryRequest(container: MedusaContainer, previous: RefundRequestRow): Promise<RefundRequestRow> {
  return ledgerOf(container).updateRefundRequests({ id: previous.id, status: "pending" })
}

/** The order's Stripe payment, or 404 when the order has no such payment of this provider. */
export async function refundablePayment(container: MedusaContainer, orderId: string, paymentId: string): Promise<OrderStripePayment> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: orders } = await query.graph({ entity: "order", fields: ["id"], filters: { id: orderId } })
  if (!orders.length) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order ${orderId} was not found`)
  const payment = (await orderStripePayments(container, orderId)).find((p) => p.id === paymentId)
  if (!payment) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `payment_id: order ${orderId} has no captured Stripe payment ${paymentId} (only payments taken through Stripe can be refunded here)`
    )
  }
  return payment
}

async function checkRefundReason(container: MedusaContainer, id: string | null | undefined) {
  if (!id) return
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "refund_reason", fields: ["id"], filters: { id } })
  if (!data.length) throw new MedusaError(MedusaError.Types.INVALID_DATA, `refund_reason_id: there is no refund reason ${id}`)
}

/** Asks Stripe for the refund under the request's key; records it, or says why not, or that it is being checked. */
async function askStripe(container: MedusaContainer, request: RefundRequestRow, replayed: boolean): Promise<RefundOutcome> {
  const ledger = ledgerOf(container)
  const { refunds } = stripeGateway(container).onAccount(request.stripe_account ?? undefined)
  let refund: Stripe.Refund
  try {
    refund = await refunds.create(
      {
        payment_intent: request.payment_intent_id,
        amount: request.amount_minor,
        metadata: { stripe_collect: "1", order_id: request.order_id, [REFUND_REQUEST_METADATA_KEY]: request.id },
      },
      request.stripe_key
    )
  } catch (error) {
    const details = stripeErrorDetails(error)
    if (!details || details.kind === "undecided") return checkLater(container, request, error)
    if (details.kind === "rate_limited" || details.kind === "authentication") {
      // Stripe did nothing: the request may be tried again under its key.
      await ledger.updateRefundRequests({ id: request.id, status: "not_refunded", failure_code: details.kind, message: details.message })
      throw error
    }
    throw await refuse(container, request, details)
  }
  await ledger.updateRefundRequests({ id: request.id, stripe_refund_id: refund.id })
  try {
    await recordRequestedRefund(container, { ...request, stripe_refund_id: refund.id }, refund)
  } catch (error) {
    // Stripe refunded; Medusa could not record it now: the refund's webhook or reconciliation does, once.
    return checkLater(container, { ...request, stripe_refund_id: refund.id }, error)
  }
  return outcome(await ledger.retrieveRefundRequest(request.id), "refunded", replayed)
}

/** Stripe refused: nothing was refunded, nothing is recorded but the refusal on the order's activity. */
async function refuse(container: MedusaContainer, request: RefundRequestRow, details: StripeErrorDetails): Promise<StripeCollectError> {
  const ledger = ledgerOf(container)
  const message = refusalMessage(details)
  const [line] = await ledger.createActivities([
    {
      order_id: request.order_id,
      kind: "refund",
      status: "failed",
      operation: "refund",
      amount: Number(request.amount),
      currency_code: request.currency_code,
      failure_code: details.code ?? details.kind,
      stripe_request_id: details.request_id ?? null,
      idempotency_key: request.stripe_key,
      message,
      livemode: !stripeGateway(container).testMode,
    },
  ])
  const refused = await ledger.updateRefundRequests({
    id: request.id,
    status: "refused",
    failure_code: details.code ?? details.kind,
    message,
    activity_id: line.id,
  })
  return refusal(refused, details)
}

function refusalMessage(details: StripeErrorDetails): string {
  if (details.code === "charge_disputed") {
    return "Stripe does not refund a disputed payment: the customer's bank is deciding it. Respond to the dispute in the Stripe Dashboard instead; nothing was refunded."
  }
  if (details.code === "charge_already_refunded") return "Stripe says this payment is refunded already; nothing more was refunded."
  return `Stripe refused the refund: ${details.message.replace(/\.+$/, "")}. Nothing was refunded.`
}

/** The refusal as the route answers it (402/400/409 with Stripe's code), the same for every retry of the request. */
function refusal(request: RefundRequestRow, details?: StripeErrorDetails): StripeCollectError {
  const code = details?.code ?? request.failure_code ?? "refund_refused"
  const facts: StripeErrorDetails = {
    kind:
      details?.kind === "card_declined"
        ? "card_declined"
        : details?.kind === "idempotency_conflict"
          ? "idempotency_conflict"
          : "invalid_request",
    code,
    message: request.message ?? "Stripe refused the refund. Nothing was refunded.",
    request_id: details?.request_id,
  }
  return new StripeCollectError(MedusaError.Types.NOT_ALLOWED, facts.message, facts)
}

/** Stripe's answer was lost (or Medusa could not record it): the order shows the refund being checked. */
async function checkLater(container: MedusaContainer, request: RefundRequestRow, cause: unknown): Promise<RefundOutcome> {
  // Under the request's lock, which the recording also takes: the refund's webhook may be recording it right now.
  return container
    .resolve(Modules.LOCKING)
    .execute(refundRequestLockKey(request.id), () => markChecking(container, request, cause), { timeout: 60 })
}

async function markChecking(container: MedusaContainer, request: RefundRequestRow, cause: unknown): Promise<RefundOutcome> {
  const ledger = ledgerOf(container)
  const now = await ledger.retrieveRefundRequest(request.id)
  if (now.status === "refunded") return outcome(now, "refunded", false)
  container
    .resolve(ContainerRegistrationKeys.LOGGER)
    .warn(`stripe-collect: refund request ${request.id} of order ${request.order_id} is being checked with Stripe: ${String(cause)}`)
  const line = now.activity_id
    ? await ledger.updateActivities({ id: now.activity_id, status: "pending", message: CHECKING_MESSAGE })
    : (
        await ledger.createActivities([
          {
            order_id: request.order_id,
            kind: "refund",
            status: "pending",
            operation: "refund",
            amount: Number(request.amount),
            currency_code: request.currency_code,
            stripe_object_id: request.stripe_refund_id ?? null,
            idempotency_key: request.stripe_key,
            message: CHECKING_MESSAGE,
            livemode: !stripeGateway(container).testMode,
          },
        ])
      )[0]
  const checking = await ledger.updateRefundRequests({ id: request.id, status: "lost", message: CHECKING_MESSAGE, activity_id: line.id })
  return outcome(checking, "checking", false)
}

function outcome(request: RefundRequestRow, status: "refunded" | "checking", replayed: boolean): RefundOutcome {
  return {
    replayed,
    refund: {
      id: request.id,
      status,
      amount: Number(request.amount),
      currency_code: request.currency_code,
      payment_id: request.payment_id,
      stripe_refund_id: request.stripe_refund_id ?? null,
      message: status === "checking" ? CHECKING_MESSAGE : null,
    },
  }
}
