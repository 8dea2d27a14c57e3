import { createHash, randomUUID } from "crypto"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { STRIPE_COLLECT_MODULE } from "../modules/stripe-collect"
import type StripeCollectModuleService from "../modules/stripe-collect/service"
import { errorMessage } from "../utils/error-message"
import { StripeCollectError, stripeErrorDetails, type StripeErrorDetails } from "../stripe/errors"
import { getStripeAccountId } from "../stripe-account/get-stripe-account-id"
import { readStripeCollectProviderConfig } from "../stripe-account/stripe-collect-provider-config"
import { chargeOrderCardWorkflow } from "../workflows/charge-order-card"
import { reconcileWithStripe } from "../ledger/reconcile-with-stripe"
import { recoverAttempt } from "../ledger/recover-attempt"
import { reportIntegrationError } from "../integration-errors/report-integration-error"
import { ensureStripeCustomer } from "./stripe-customer"

export type ChargeRequest = {
  order_id: string
  amount: number
  payment_method: string
  /** Keep the card on the customer's Stripe customer for later charges (the customer agreed). */
  save_card?: boolean
  /** Staff ticked "Mail/phone order" for a card the customer read out (MOTO). */
  mail_phone_order?: boolean
  request_key?: string
  actor_id?: string
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

type Attempt = Awaited<ReturnType<StripeCollectModuleService["retrievePaymentAttempt"]>>

/** Stripe's idempotency key for an attempt: stable across retries of one request, unique otherwise. */
export function stripeKeyForCharge(orderId: string, requestKey?: string) {
  const suffix = requestKey ? createHash("sha256").update(requestKey).digest("hex").slice(0, 40) : randomUUID()
  return `stripe-collect-charge-${orderId}-${suffix}`
}

/**
 * Charges a card for an order once per request key. Money Stripe may have taken on the order without
 * Medusa knowing is settled first; a repeat of a finished request answers what the first answered
 * without calling Stripe; a retry of an attempt whose answer was lost is the same request to Stripe
 * (same key), so it is replayed or refused, never charged twice.
 */
export async function chargeOrderCard(container: MedusaContainer, request: ChargeRequest): Promise<ChargeResult> {
  const service = container.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)
  const { id: providerConfigId } = readStripeCollectProviderConfig(container)

  await settleUnsettledCharges(container, service, request.order_id)
  const attemptKey = stripeKeyForCharge(request.order_id, request.request_key)
  if (request.request_key) {
    const previous = await service.attemptFor({ attempt_key: attemptKey })
    if (previous) {
      const answer = await answerOfEarlierRequest(container, service, previous, request)
      if (answer) return answer
    }
  }

  const stripeAccount = (await getStripeAccountId(container)) ?? null
  const customer = request.save_card
    ? await ensureStripeCustomer(container, request.order_id, `pp_stripe-collect_${providerConfigId}`, stripeAccount ?? undefined)
    : null
  const { result, errors } = await chargeOrderCardWorkflow(container).run({
    input: {
      order_id: request.order_id,
      amount: request.amount,
      payment_method: request.payment_method,
      save_card: request.save_card ?? false,
      mail_phone_order: request.mail_phone_order ?? false,
      provider_id: providerConfigId,
      attempt_key: attemptKey,
      request_key: request.request_key ?? null,
      stripe_customer_id: customer,
      stripe_account: stripeAccount,
      captured_by: request.actor_id,
    },
    throwOnError: false,
  })
  if (!errors.length) {
    const { attempt: charged, card } = result
    // Answered from what the workflow wrote and Stripe said: the attempt is its activity line.
    return {
      replayed: false,
      charge: {
        id: charged.activity_id ?? charged.id,
        status: "succeeded",
        amount: Number(charged.amount),
        currency_code: charged.currency_code,
        payment_intent_id: charged.payment_intent_id,
        card_brand: card.brand,
        card_last4: card.last4,
        created_at: charged.created_at,
      },
    }
  }
  const attempt = await service.attemptFor({ attempt_key: attemptKey })

  const error = errors[0]?.error
  if (attempt?.status === "succeeded") {
    // Stripe took the money and recording it failed: once more now, else recovery records it later.
    return { replayed: false, charge: await recordTakenMoney(container, service, attempt, error) }
  }
  if (attempt?.status === "recorded") return { replayed: false, charge: await chargeOf(service, attempt) }
  throw error ?? new MedusaError(MedusaError.Types.UNEXPECTED_STATE, "The charge did not finish")
}

/**
 * Attempts of this order that Stripe may have answered without Medusa hearing (a lost answer, a crash)
 * are asked of Stripe first, so money Stripe took counts as paid before anything more is charged.
 */
async function settleUnsettledCharges(container: MedusaContainer, service: StripeCollectModuleService, orderId: string) {
  const unsettled = await service.unsettledAttempts({ order_id: orderId, flow: "admin_charge" })
  if (!unsettled.length) return
  await reconcileWithStripe(container, { order_id: orderId, flow: "admin_charge" }).catch((error: unknown) =>
    // Stripe unreachable: the charge below fails the same way, or retries under the same Stripe key.
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .warn(`stripe-collect: could not check Stripe for lost charges of order ${orderId}: ${(error as Error).message}`)
  )
}

/** What an earlier request with the same Idempotency-Key answers now, or undefined to try again under its key. */
async function answerOfEarlierRequest(
  container: MedusaContainer,
  service: StripeCollectModuleService,
  previous: Attempt,
  request: ChargeRequest
): Promise<ChargeResult | undefined> {
  if (Number(previous.amount) !== request.amount) {
    throw new MedusaError(
      MedusaError.Types.CONFLICT,
      `This Idempotency-Key was used for a charge of ${Number(previous.amount)} ${previous.currency_code.toUpperCase()}; use a new key for another amount`
    )
  }
  switch (previous.status) {
    case "recorded":
      return { replayed: true, charge: await chargeOf(service, previous) }
    case "succeeded":
      return { replayed: true, charge: await recordTakenMoney(container, service, previous, undefined) }
    case "declined":
      return replayDecline(previous)
    case "pending":
      throw new MedusaError(
        MedusaError.Types.CONFLICT,
        "This charge is still waiting for Stripe's answer. Wait a moment, then look at the order's Stripe activity before charging again."
      )
    default:
      // Lost (Stripe could not be asked), not charged, or refused without charging: the same key tries again.
      return undefined
  }
}

/** A decline is final for its key: the retry gets the same answer, without asking Stripe. */
function replayDecline(attempt: Attempt): never {
  const details: StripeErrorDetails = {
    kind: "card_declined",
    message: attempt.message ?? "The card was declined",
    code: attempt.failure_code ?? undefined,
    decline_code: attempt.decline_code ?? undefined,
    payment_intent_id: attempt.payment_intent_id ?? undefined,
  }
  throw new StripeCollectError(MedusaError.Types.PAYMENT_AUTHORIZATION_ERROR, details.message, details)
}

/** Stripe took the money but Medusa could not record it: record it now, else tell the merchant and the admin. */
async function recordTakenMoney(
  container: MedusaContainer,
  service: StripeCollectModuleService,
  attempt: Attempt,
  cause: unknown
): Promise<ChargeResult["charge"]> {
  try {
    await recoverAttempt(container, attempt, "retry")
    const recorded = await service.retrievePaymentAttempt(attempt.id)
    if (recorded.status === "recorded") return chargeOf(service, recorded)
  } catch (error) {
    cause = error
  }
  const reason = errorMessage(cause ?? "unknown")
  await reportIntegrationError(container, {
    kind: "payment_not_recorded",
    operation: "Charge card",
    order_id: attempt.order_id,
    message: `Stripe took ${Number(attempt.amount)} ${attempt.currency_code.toUpperCase()} (PaymentIntent ${attempt.payment_intent_id}) but Medusa could not record it yet: ${reason}. It is recorded automatically as soon as Medusa can.`,
  }).catch(() => undefined)
  const details: StripeErrorDetails = {
    kind: "undecided",
    message: `Stripe took the payment (${attempt.payment_intent_id}) but Medusa could not record it yet; it is recorded automatically. Do not charge again.`,
    payment_intent_id: attempt.payment_intent_id ?? undefined,
  }
  throw new StripeCollectError(MedusaError.Types.UNEXPECTED_STATE, details.message, details)
}

/** The charge as the API answers it: the attempt's line in the order's activity. */
async function chargeOf(service: StripeCollectModuleService, attempt: Attempt): Promise<ChargeResult["charge"]> {
  const activity = attempt.activity_id ? await service.retrieveActivity(attempt.activity_id) : null
  return {
    id: activity?.id ?? attempt.id,
    status: activity?.status ?? "succeeded",
    amount: Number(attempt.amount),
    currency_code: attempt.currency_code,
    payment_intent_id: attempt.payment_intent_id,
    card_brand: activity?.card_brand ?? null,
    card_last4: activity?.card_last4 ?? null,
    created_at: activity?.created_at ?? attempt.created_at,
  }
}
