import { createHash, randomUUID } from "crypto"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { STRIPE_COLLECT_MODULE } from "../../modules/stripe-collect"
import type StripeCollectModuleService from "../../modules/stripe-collect/service"
import {
  StripeCollectError,
  stripeErrorDetails,
  UNDECIDED_OUTCOME_CODE,
  type StripeErrorDetails,
} from "../../stripe/errors"
import { chargeOrderCardWorkflow } from "."
import { loadOrderBalance } from "../../orders/order-balance"
import { getStripeAccountId } from "../connect-stripe-account/get-stripe-account-id"
import { readStripeCollectProviderConfig } from "../connect-stripe-account/stripe-collect-provider-config"
import { stripeAccess } from "../connect-stripe-account/stripe-access"
import { reconcileStripeCharges } from "../reconcile-charges/reconcile-stripe-charges"
import { holderOn, orderLockKey, PENDING_STATUS, type AccountHolderRow } from "./charge-details"
import { assertPayableAmount } from "./steps/validate-charge"
import { ensureStripeCustomer } from "./ensure-stripe-customer"

/** The payment provider charges and links use: pp_stripe-collect_<id> as registered in medusa-config. */
export const stripeCollectProviderId = (container: MedusaContainer) =>
  `pp_stripe-collect_${readStripeCollectProviderConfig(container).id}`

export type ChargeRequest = {
  order_id: string
  amount: number
  payment_method: string
  /** Keep the card on the customer's Stripe customer for later charges (the customer agreed). */
  save_card?: boolean
  request_key?: string
  actor_id?: string
  provider_id?: string
}

export type ChargeResult = {
  replayed: boolean
  charge: {
    id: string
    status: string
    amount: number
    currency_code: string
    payment_intent_id: string | null
    card_brand: string | null
    card_last4: string | null
    created_at: Date | string
  }
}

/** Stripe's idempotency key for an attempt: stable across retries of one request, unique otherwise. */
export function stripeKeyForCharge(orderId: string, requestKey?: string) {
  const suffix = requestKey
    ? createHash("sha256").update(requestKey).digest("hex").slice(0, 40)
    : randomUUID()
  return `stripe-collect-charge-${orderId}-${suffix}`
}

/**
 * The Stripe customer of the order's customer (cards on file), when this provider made one on the
 * account being charged: a customer of the platform account does not exist on a connected one.
 */
export async function stripeCustomerOfOrder(
  container: MedusaContainer,
  orderId: string,
  providerId: string,
  stripeAccount?: string
) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order",
    fields: [
      "customer.account_holders.provider_id",
      "customer.account_holders.external_id",
      "customer.account_holders.data",
    ],
    filters: { id: orderId },
  })
  const holders = (data[0]?.customer?.account_holders ?? []) as (AccountHolderRow | null)[]
  return holderOn(holders, providerId, stripeAccount)?.external_id
}

const toCharge = (a: Record<string, any>): ChargeResult["charge"] => ({
  id: a.id,
  status: a.status,
  amount: Number(a.amount),
  currency_code: a.currency_code,
  payment_intent_id: a.stripe_object_id ?? null,
  card_brand: a.card_brand ?? null,
  card_last4: a.card_last4 ?? null,
  created_at: a.created_at,
})

/** Rebuilds the error a failed attempt answered with, so a retry with the same key gets the same answer. */
function replayFailure(a: Record<string, any>): never {
  // Only declines are replayed: an unknown outcome is asked of Stripe again instead (see chargeOrderCard).
  const details: StripeErrorDetails = {
    kind: "card_declined",
    message: a.message ?? "The card was declined",
    code: a.failure_code ?? undefined,
    decline_code: a.decline_code ?? undefined,
    request_id: a.stripe_request_id ?? undefined,
  }
  throw new StripeCollectError(MedusaError.Types.PAYMENT_AUTHORIZATION_ERROR, details.message, details)
}

/**
 * The answer a request key already has: its success, else its latest failure. A charge recorded
 * from Stripe after its answer was lost is found by its Stripe key, which the request key decides.
 */
async function previousAnswer(service: StripeCollectModuleService, orderId: string, requestKey: string) {
  const attempts = await service.listActivities(
    {
      order_id: orderId,
      kind: "charge",
      $or: [
        { idempotency_key: requestKey },
        { attempt_key: stripeKeyForCharge(orderId, requestKey), status: "succeeded" },
      ],
    },
    { order: { created_at: "DESC" }, take: 20 }
  )
  return attempts.find((a) => a.status === "succeeded") ?? attempts[0]
}

/** Stripe keeps an idempotency key (and refuses it with other parameters) for 24 hours. */
const STRIPE_KEY_LIFETIME_MS = 24 * 3_600_000

// How far back a charge looks for its own PaymentIntent at Stripe after losing the answer.
const OWN_ATTEMPT_WINDOW_MS = 10 * 60_000

/**
 * Attempts on this order whose Stripe answer was lost — or still pending, which after a crash means the
 * same — are settled from Stripe first, so money Stripe took is counted as paid before anything more is charged.
 */
async function settleLostAttempts(container: MedusaContainer, service: StripeCollectModuleService, orderId: string) {
  const lost = await service.listActivities(
    {
      order_id: orderId,
      kind: "charge",
      $or: [{ status: "failed", failure_code: UNDECIDED_OUTCOME_CODE }, { status: PENDING_STATUS }],
    },
    { order: { created_at: "ASC" }, take: 1 }
  )
  if (!lost.length) return
  try {
    await reconcileStripeCharges(container, {
      order_id: orderId,
      since: new Date(new Date(lost[0].created_at).getTime() - OWN_ATTEMPT_WINDOW_MS),
    })
  } catch (error) {
    // Stripe unreachable: the charge below fails the same way, or retries under the same Stripe key.
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .warn(`stripe-collect: could not check Stripe for lost charges of order ${orderId}: ${(error as Error).message}`)
  }
}

/**
 * Charges a card for an order once per request key: a repeat of a finished request answers what the
 * first answered, without calling Stripe; a Stripe failure is written to the order's activity. When
 * Stripe's answer is lost, Stripe is asked what happened before answering; a retry of such an attempt
 * reuses its Stripe idempotency key, so Stripe replays or refuses it and never charges twice.
 */
export async function chargeOrderCard(container: MedusaContainer, request: ChargeRequest): Promise<ChargeResult> {
  const service = container.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)
  const providerId = request.provider_id ?? stripeCollectProviderId(container)

  await settleLostAttempts(container, service, request.order_id)
  let retryOfLostAnswer = false
  if (request.request_key) {
    const previous = await previousAnswer(service, request.order_id, request.request_key)
    retryOfLostAnswer = previous?.failure_code === UNDECIDED_OUTCOME_CODE
    if (previous?.status === "succeeded") return { replayed: true, charge: toCharge(previous) }
    if (previous?.status === PENDING_STATUS) {
      throw new MedusaError(
        MedusaError.Types.CONFLICT,
        "This charge is still waiting for Stripe's answer. Wait a moment, then look at the order's Stripe activity before charging again."
      )
    }
    if (previous?.status === "failed" && previous.failure_code !== UNDECIDED_OUTCOME_CODE) replayFailure(previous)
  }

  const order = await loadOrderBalance(container, request.order_id)
  // Refused requests leave no trace: the workflow checks again under the order's lock.
  assertPayableAmount(order, request.amount)
  const stripeAccount = await getStripeAccountId(container)
  const customer = request.save_card
    ? await ensureStripeCustomer(container, order.id, providerId, stripeAccount)
    : await stripeCustomerOfOrder(container, order.id, providerId, stripeAccount)
  const { options } = stripeAccess(container)
  const attemptKey = stripeKeyForCharge(order.id, request.request_key)
  const startedAt = new Date()
  // Written before Stripe is called: if this process dies before recording the charge, the next charge
  // on the order (or the reconciliation job) finds this attempt and asks Stripe what became of it.
  const [pending] = await service.createActivities([
    {
      order_id: order.id,
      kind: "charge",
      status: PENDING_STATUS,
      operation: "charge_card",
      amount: request.amount,
      currency_code: order.currency_code,
      idempotency_key: request.request_key ?? null,
      attempt_key: attemptKey,
      message: "Waiting for Stripe's answer",
    },
  ])
  let completed = false
  try {
    const { result, errors } = await chargeOrderCardWorkflow(container).run({
      input: {
        order_id: order.id,
        amount: request.amount,
        payment_method: request.payment_method,
        save_card: request.save_card ?? false,
        provider_id: providerId,
        stripe_idempotency_key: attemptKey,
        request_key: request.request_key,
        pending_activity_id: pending.id,
        stripe_customer_id: customer,
        stripe_account: stripeAccount,
        moto: options.moto,
        receipt_email: options.receipts ? order.email ?? undefined : undefined,
        captured_by: request.actor_id,
      },
      throwOnError: false,
    })

    if (!errors.length) {
      completed = true
      if (retryOfLostAnswer) await markRetried(service, order.id, attemptKey)
      return { replayed: false, charge: toCharge(result.activity) }
    }
    const error = errors[0].error
    const stripe = stripeErrorDetails(error)
    if (!stripe) throw error

    if (stripe.kind === "undecided" || stripe.kind === "idempotency_conflict") {
      // Stripe may have taken it — or took it in an earlier try whose record was lost (Stripe refuses the
      // reused key then): ask Stripe before telling the admin anything. Stripe keeps keys for 24 hours.
      const since = stripe.kind === "undecided" ? startedAt : new Date(startedAt.getTime() - STRIPE_KEY_LIFETIME_MS)
      const recovered = await recoverOwnAttempt(container, order.id, attemptKey, since)
      if (recovered) return { replayed: false, charge: toCharge(recovered) }
    }
    const recorded = await container.resolve(Modules.LOCKING).execute(
      orderLockKey(order.id),
      async () => {
        // The webhook may have recorded this very attempt while its answer was on the way.
        const [succeeded] = await service.listActivities(
          { order_id: order.id, kind: "charge", status: "succeeded", attempt_key: attemptKey },
          { take: 1 }
        )
        if (succeeded) return succeeded
        await service.updateActivities([
          {
            id: pending.id,
            status: "failed",
            stripe_object_id: stripe.payment_intent_id ?? null,
            stripe_request_id: stripe.request_id ?? null,
            // Only final answers are replayed to a retry with the same key: a decline, or "outcome unknown"
            // (settled from Stripe before a retry). A 429 or a bad key charged nothing, so a retry may try again.
            idempotency_key: stripe.kind === "card_declined" || stripe.kind === "undecided" ? request.request_key ?? null : null,
            attempt_key: attemptKey,
            failure_code: stripe.kind === "undecided" ? UNDECIDED_OUTCOME_CODE : stripe.code ?? stripe.kind,
            decline_code: stripe.decline_code ?? null,
            message: stripe.message,
          },
        ])
        return undefined
      },
      { timeout: 60 }
    )
    if (recorded) return { replayed: false, charge: toCharge(recorded) }
    throw new StripeCollectError(
      stripe.kind === "card_declined" ? MedusaError.Types.PAYMENT_AUTHORIZATION_ERROR : MedusaError.Types.UNEXPECTED_STATE,
      stripe.message,
      stripe
    )
  } finally {
    // The workflow turned the pending line into the charge; on any other way out it must not linger.
    if (!completed) await dropIfPending(service, pending.id)
  }
}

/** After a lost answer: Stripe's PaymentIntent for this attempt, recorded if it succeeded. */
async function recoverOwnAttempt(container: MedusaContainer, orderId: string, attemptKey: string, startedAt: Date) {
  try {
    await reconcileStripeCharges(container, { order_id: orderId, attempt_key: attemptKey, since: startedAt })
  } catch (error) {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .warn(`stripe-collect: could not ask Stripe about a lost charge of order ${orderId}: ${(error as Error).message}`)
    return undefined
  }
  const service = container.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)
  const [succeeded] = await service.listActivities(
    { order_id: orderId, kind: "charge", status: "succeeded", attempt_key: attemptKey },
    { take: 1 }
  )
  return succeeded
}

/** An attempt's own bookkeeping row goes once the attempt has a real outcome recorded elsewhere. */
async function dropIfPending(service: StripeCollectModuleService, id: string) {
  const [row] = await service.listActivities({ id, status: PENDING_STATUS }, { take: 1 })
  if (row) await service.deleteActivities(row.id)
}

/** Earlier tries of an attempt that lost their answer are settled by this one's outcome. */
async function markRetried(service: StripeCollectModuleService, orderId: string, attemptKey: string) {
  const lost = await service.listActivities({
    order_id: orderId,
    kind: "charge",
    status: "failed",
    failure_code: UNDECIDED_OUTCOME_CODE,
    attempt_key: attemptKey,
  })
  if (!lost.length) return
  await service.updateActivities(
    lost.map((a) => ({
      id: a.id,
      failure_code: "retried",
      idempotency_key: null,
      message: "Stripe's answer was lost; a retry with the same idempotency key went through.",
    }))
  )
}
