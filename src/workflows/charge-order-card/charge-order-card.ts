import { createHash, randomUUID } from "crypto"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { STRIPE_COLLECT_MODULE } from "../../modules/stripe-collect"
import type StripeCollectModuleService from "../../modules/stripe-collect/service"
import {
  StripeCollectError,
  stripeErrorDetails,
  UNDECIDED_OUTCOME_CODE,
  type StripeErrorDetails,
} from "../../providers/stripe-collect/errors"
import { chargeOrderCardWorkflow } from "."
import { loadOrderBalance } from "../order-balance/order-balance"
import { getStripeAccountId } from "../connect-stripe-account/get-stripe-account-id"
import { readStripeCollectProviderConfig } from "../connect-stripe-account/stripe-collect-provider-config"
import { stripeAccess } from "../connect-stripe-account/stripe-access"

/** The payment provider charges and links use: pp_stripe-collect_<id> as registered in medusa-config. */
export const stripeCollectProviderId = (container: MedusaContainer) =>
  `pp_stripe-collect_${readStripeCollectProviderConfig(container).id}`

export type ChargeRequest = {
  order_id: string
  amount: number
  payment_method: string
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
  const holders = (data[0]?.customer?.account_holders ?? []) as {
    provider_id: string
    external_id: string
    data: Record<string, unknown> | null
  }[]
  const holder = holders.find(
    (h) => h?.provider_id === providerId && (h.data?.stripe_account ?? undefined) === (stripeAccount ?? undefined)
  )
  return holder?.external_id
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
  const details: StripeErrorDetails = {
    kind: a.failure_code === UNDECIDED_OUTCOME_CODE ? "undecided" : "card_declined",
    message: a.message ?? "The card was declined",
    code: a.failure_code ?? undefined,
    decline_code: a.decline_code ?? undefined,
    request_id: a.stripe_request_id ?? undefined,
  }
  throw new StripeCollectError(MedusaError.Types.PAYMENT_AUTHORIZATION_ERROR, details.message, details)
}

/**
 * Charges a card for an order once per request key: a repeat of a finished request answers what the
 * first answered, without calling Stripe; a Stripe failure is written to the order's activity.
 */
export async function chargeOrderCard(container: MedusaContainer, request: ChargeRequest): Promise<ChargeResult> {
  const service = container.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)
  const providerId = request.provider_id ?? stripeCollectProviderId(container)

  if (request.request_key) {
    const [previous] = await service.listActivities(
      { order_id: request.order_id, kind: "charge", idempotency_key: request.request_key },
      { order: { created_at: "ASC" }, take: 1 }
    )
    if (previous?.status === "succeeded") return { replayed: true, charge: toCharge(previous) }
    if (previous?.status === "failed") replayFailure(previous)
  }

  const order = await loadOrderBalance(container, request.order_id)
  const stripeAccount = await getStripeAccountId(container)
  const customer = await stripeCustomerOfOrder(container, order.id, providerId, stripeAccount)
  const { options } = stripeAccess(container)

  const { result, errors } = await chargeOrderCardWorkflow(container).run({
    input: {
      order_id: order.id,
      amount: request.amount,
      payment_method: request.payment_method,
      provider_id: providerId,
      stripe_idempotency_key: stripeKeyForCharge(order.id, request.request_key),
      request_key: request.request_key,
      stripe_customer_id: customer,
      stripe_account: stripeAccount,
      moto: options.moto,
      receipt_email: options.receipts ? order.email ?? undefined : undefined,
      captured_by: request.actor_id,
    },
    throwOnError: false,
  })

  if (errors.length) {
    const error = errors[0].error
    const stripe = stripeErrorDetails(error)
    if (stripe) {
      await service.createActivities([
        {
          order_id: order.id,
          kind: "charge",
          status: "failed",
          operation: "charge_card",
          amount: request.amount,
          currency_code: order.currency_code,
          stripe_object_id: stripe.payment_intent_id ?? null,
          stripe_request_id: stripe.request_id ?? null,
          // Only final answers are replayed to a retry with the same key: a decline, or "outcome unknown"
          // (charging again could charge twice). A 429 or a bad key charged nothing, so a retry may try again.
          idempotency_key: stripe.kind === "card_declined" || stripe.kind === "undecided" ? request.request_key ?? null : null,
          failure_code: stripe.kind === "undecided" ? UNDECIDED_OUTCOME_CODE : stripe.code ?? stripe.kind,
          decline_code: stripe.decline_code ?? null,
          message: stripe.message,
        },
      ])
      throw new StripeCollectError(
        stripe.kind === "card_declined" ? MedusaError.Types.PAYMENT_AUTHORIZATION_ERROR : MedusaError.Types.UNEXPECTED_STATE,
        stripe.message,
        stripe
      )
    }
    throw error
  }
  return { replayed: false, charge: toCharge(result.activity) }
}
