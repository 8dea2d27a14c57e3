// Refunds: full or partial, several per charge, never more than what was captured.
import type Stripe from "stripe"
import { invalidRequest, resourceMissing } from "../errors"
import { toJson } from "../expand"
import { newId, nowSeconds } from "../ids"
import { filterCreated, paginate } from "../list"
import { formatAmount } from "../money"
import { mergeMetadata, type Params } from "../params"
import type { StripeRoute } from "../route"
import { Scope } from "../scope"
import { recordBalanceTransaction, refundableAmount } from "./charges"
import { findCharge, findPaymentIntent, idOf } from "./shared"

function chargeToRefund(scope: Scope, params: Params): Stripe.Charge {
  const chargeId = params.string("charge")
  const intentId = params.string("payment_intent")
  if (chargeId && intentId) {
    throw invalidRequest("You can only specify one of these parameters: charge, payment_intent.", { param: "payment_intent" })
  }
  if (chargeId) return findCharge(scope, chargeId, "charge")
  if (!intentId) {
    throw invalidRequest("One of the following params should be provided for this request: payment_intent or charge.", {
      code: "parameter_missing",
    })
  }
  const intent = findPaymentIntent(scope, intentId, "payment_intent")
  const latest = idOf(intent.latest_charge)
  const charge = latest ? scope.data.charges.get(latest) : undefined
  if (!charge || intent.status !== "succeeded") {
    throw invalidRequest(`This PaymentIntent (${intent.id}) does not have a successful charge to refund.`, { param: "payment_intent" })
  }
  return charge
}

function createRefund(scope: Scope, params: Params): Stripe.Refund {
  const charge = chargeToRefund(scope, params)
  if (!charge.captured || charge.status !== "succeeded") {
    throw invalidRequest(`Charge ${charge.id} has not been captured; cancel its PaymentIntent to release the authorization instead.`, {
      param: "charge",
    })
  }
  // Stripe refuses to refund a charged-back payment (an inquiry can still be refunded): the bank is deciding it.
  const chargeback = scope.data.disputes.newestFirst().find((d) => idOf(d.charge) === charge.id && !d.is_charge_refundable)
  if (chargeback) throw invalidRequest(`Charge ${charge.id} has been charged back; cannot issue a refund.`, { code: "charge_disputed" })
  const available = refundableAmount(scope, charge)
  if (available <= 0) throw invalidRequest(`Charge ${charge.id} has already been refunded.`, { code: "charge_already_refunded" })
  const amount = params.integer("amount") ?? available
  if (amount <= 0) throw invalidRequest("Invalid positive integer", { param: "amount" })
  if (amount > available) {
    throw invalidRequest(
      `Refund amount (${formatAmount(amount, charge.currency)}) is greater than unrefunded amount on charge (${formatAmount(available, charge.currency)})`,
      { param: "amount" }
    )
  }
  const id = newId.refund()
  const behaviour = refundBehaviourOf(scope, charge)
  const refund: Stripe.Refund = {
    id,
    object: "refund",
    amount,
    balance_transaction: recordBalanceTransaction(scope, -amount, charge.currency, "refund", id, null).id,
    charge: charge.id,
    created: nowSeconds(),
    currency: charge.currency,
    customer: idOf(charge.customer),
    customer_account: null,
    destination_details: {
      card: { reference_status: "pending", reference_type: "acquirer_reference_number", type: "refund" },
      type: "card",
    },
    metadata: mergeMetadata({}, params.metadata()),
    payment_intent: idOf(charge.payment_intent),
    payment_method: charge.payment_method,
    reason: params.string("reason") ?? null,
    receipt_number: null,
    source_transfer_reversal: null,
    status: behaviour === "pending" ? "pending" : "succeeded",
    transfer_reversal: null,
  }
  scope.data.refunds.add(refund)
  scope.own(refund.id)
  const previous = { amount_refunded: charge.amount_refunded, refunded: charge.refunded }
  charge.amount_refunded += amount
  charge.refunded = refundableAmount(scope, charge) === 0
  scope.emit("refund.created", refund)
  scope.emit("charge.refunded", charge, previous)
  // Test cards settle their refunds a moment later, as Stripe does (or at once: POST /_sandbox/refunds/:id/settle).
  if (behaviour) {
    const settleTo = behaviour === "pending" ? "succeeded" : "failed"
    setTimeout(() => {
      const later = new Scope(scope.core, scope.accountId)
      const current = later.data.refunds.get(refund.id)
      const final = !current || current.status === "failed" || current.status === "canceled" || current.status === settleTo
      if (!final) settleRefund(later, current, settleTo)
    }, scope.core.refundSettleDelayMs).unref()
  }
  return refund
}

/** The test card's refund behaviour (pm_card_pendingRefund, pm_card_refundFail), if it has one. */
function refundBehaviourOf(scope: Scope, charge: Stripe.Charge): "pending" | "fail_later" | undefined {
  const pm = typeof charge.payment_method === "string" ? charge.payment_method : null
  return pm ? scope.data.cards.get(pm)?.card.refunds : undefined
}

/**
 * A refund reaches its final state: succeeded, or failed / canceled (its money goes back to the balance and
 * the charge is refundable again), with refund.updated, and refund.failed when it failed.
 */
export function settleRefund(scope: Scope, refund: Stripe.Refund, status: "succeeded" | "failed" | "canceled"): Stripe.Refund {
  if (refund.status === "failed" || refund.status === "canceled") {
    throw invalidRequest(`Refund ${refund.id} has already ${refund.status === "failed" ? "failed" : "been canceled"}.`)
  }
  const previous = { status: refund.status }
  refund.status = status
  if (status !== "succeeded") {
    const chargeId = typeof refund.charge === "string" ? refund.charge : (refund.charge?.id ?? null)
    const charge = chargeId ? scope.data.charges.get(chargeId) : undefined
    if (status === "failed") refund.failure_reason = "expired_or_canceled_card"
    refund.failure_balance_transaction = recordBalanceTransaction(
      scope,
      refund.amount,
      refund.currency,
      "refund_failure",
      refund.id,
      null
    ).id
    if (charge) {
      const before = { amount_refunded: charge.amount_refunded, refunded: charge.refunded }
      charge.amount_refunded -= refund.amount
      charge.refunded = false
      scope.emit("charge.updated", charge, before)
    }
  }
  scope.emit("charge.refund.updated", refund, previous)
  scope.emit("refund.updated", refund, previous)
  if (status === "failed") scope.emit("refund.failed", refund, previous)
  return refund
}

function findRefund(scope: Scope, id: string): Stripe.Refund {
  const refund = scope.data.refunds.get(id)
  if (!refund) throw resourceMissing("refund", id, "refund")
  return refund
}

export const refundRoutes: StripeRoute[] = [
  { method: "POST", template: "/v1/refunds", handler: ({ scope, params }) => createRefund(scope, params) },
  { method: "GET", template: "/v1/refunds/{refund}", handler: ({ scope, path }) => findRefund(scope, path.refund) },
  {
    method: "POST",
    template: "/v1/refunds/{refund}",
    handler: ({ scope, params, path }) => {
      const refund = findRefund(scope, path.refund)
      const previous = toJson(refund)
      refund.metadata = mergeMetadata(refund.metadata ?? {}, params.metadata())
      scope.emit("refund.updated", refund, { metadata: previous.metadata })
      return refund
    },
  },
  {
    method: "POST",
    template: "/v1/refunds/{refund}/cancel",
    handler: ({ scope, path }) => {
      const refund = findRefund(scope, path.refund)
      if (refund.status === "pending" || refund.status === "requires_action") return settleRefund(scope, refund, "canceled")
      throw invalidRequest(`Refund ${refund.id} has a status of ${refund.status}; only pending refunds can be canceled.`, {
        code: "refund_cannot_be_canceled",
      })
    },
  },
  {
    method: "GET",
    template: "/v1/refunds",
    handler: ({ scope, params, url }) => {
      const charge = params.string("charge")
      const intent = params.string("payment_intent")
      const items = scope.data.refunds
        .newestFirst()
        .filter((r) => (!charge || r.charge === charge) && (!intent || r.payment_intent === intent))
      return paginate(filterCreated(items, params), params, url, "refund")
    },
  },
  {
    method: "GET",
    template: "/v1/charges/{charge}/refunds",
    handler: ({ scope, params, path, url }) => {
      findCharge(scope, path.charge, "charge")
      return paginate(
        scope.data.refunds.newestFirst().filter((r) => r.charge === path.charge),
        params,
        url,
        "refund"
      )
    },
  },
]
