// Refunds: full or partial, several per charge, never more than what was captured.
import type Stripe from "stripe"
import { invalidRequest, resourceMissing } from "../errors"
import { toJson } from "../expand"
import { newId, nowSeconds } from "../ids"
import { filterCreated, paginate } from "../list"
import { formatAmount } from "../money"
import { mergeMetadata, type Params } from "../params"
import type { StripeRoute } from "../route"
import type { Scope } from "../scope"
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
    status: "succeeded",
    transfer_reversal: null,
  }
  scope.data.refunds.add(refund)
  const previous = { amount_refunded: charge.amount_refunded, refunded: charge.refunded }
  charge.amount_refunded += amount
  charge.refunded = refundableAmount(scope, charge) === 0
  scope.emit("refund.created", refund)
  scope.emit("charge.refunded", charge, previous)
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
      throw invalidRequest(`Refund ${refund.id} has a status of ${refund.status}; only refunds that require action can be canceled.`, {
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
