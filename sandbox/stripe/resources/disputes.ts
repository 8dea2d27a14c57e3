// Disputes: opened by the dispute test cards or the control API; statuses move through the control API
// (as the card network would) or through the merchant accepting one (POST /v1/disputes/:id/close).
import type Stripe from "stripe"
import { invalidRequest, resourceMissing } from "../errors"
import { newId, nowSeconds } from "../ids"
import { filterCreated, paginate } from "../list"
import { mergeMetadata } from "../params"
import type { StripeRoute } from "../route"
import type { Scope } from "../scope"
import { recordBalanceTransaction } from "./charges"
import { idOf } from "./shared"

/** Every status Stripe gives a dispute; the inquiry (warning_*) ones never take money. */
export const DISPUTE_STATUSES = [
  "warning_needs_response",
  "warning_under_review",
  "warning_closed",
  "needs_response",
  "under_review",
  "won",
  "lost",
  "prevented",
  "appeal_needs_response",
  "appeal_under_review",
] as const
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number]
export const isDisputeStatus = (value: unknown): value is DisputeStatus =>
  typeof value === "string" && (DISPUTE_STATUSES as readonly string[]).includes(value)

const CLOSED: ReadonlySet<string> = new Set(["won", "lost", "warning_closed", "prevented"])
const EVIDENCE_DAYS = 7

const emptyEvidence = (): Stripe.Dispute.Evidence => ({
  access_activity_log: null,
  billing_address: null,
  cancellation_policy: null,
  cancellation_policy_disclosure: null,
  cancellation_rebuttal: null,
  customer_communication: null,
  customer_email_address: null,
  customer_name: null,
  customer_purchase_ip: null,
  customer_signature: null,
  duplicate_charge_documentation: null,
  duplicate_charge_explanation: null,
  duplicate_charge_id: null,
  enhanced_evidence: {},
  product_description: null,
  receipt: null,
  refund_policy: null,
  refund_policy_disclosure: null,
  refund_refusal_explanation: null,
  service_date: null,
  service_documentation: null,
  shipping_address: null,
  shipping_carrier: null,
  shipping_date: null,
  shipping_documentation: null,
  shipping_tracking_number: null,
  uncategorized_file: null,
  uncategorized_text: null,
})

/** Whether the disputed money is out of the balance now (withdrawn when a chargeback opens, back when won). */
const fundsWithdrawn = (dispute: Stripe.Dispute) => dispute.balance_transactions.reduce((sum, txn) => sum + txn.amount, 0) < 0

/** Opens a dispute on a captured charge: a chargeback withdraws the money at once; an inquiry does not. */
export function openDispute(
  scope: Scope,
  charge: Stripe.Charge,
  input: { reason: string; inquiry: boolean; amount?: number }
): Stripe.Dispute {
  if (!charge.captured || charge.status !== "succeeded") {
    throw invalidRequest(`Charge ${charge.id} has not been captured; it cannot be disputed.`, { param: "charge" })
  }
  if (charge.disputed) throw invalidRequest(`Charge ${charge.id} is already disputed.`, { param: "charge" })
  const amount = input.amount ?? charge.amount_captured
  const dispute: Stripe.Dispute = {
    id: newId.dispute(),
    object: "dispute",
    amount,
    balance_transactions: [],
    charge: charge.id,
    created: nowSeconds(),
    currency: charge.currency,
    enhanced_eligibility_types: [],
    evidence: emptyEvidence(),
    evidence_details: {
      due_by: nowSeconds() + EVIDENCE_DAYS * 24 * 3600,
      enhanced_eligibility: {},
      has_evidence: false,
      past_due: false,
      submission_count: 0,
      submission_method: "not_submitted",
    },
    intended_submission_method: null,
    is_charge_refundable: input.inquiry,
    livemode: false,
    metadata: {},
    payment_intent: idOf(charge.payment_intent),
    reason: input.reason,
    status: input.inquiry ? "warning_needs_response" : "needs_response",
  }
  scope.data.disputes.add(dispute)
  scope.own(dispute.id)
  const before = { disputed: charge.disputed }
  charge.disputed = true
  scope.emit("charge.dispute.created", dispute)
  scope.emit("charge.updated", charge, before)
  if (!input.inquiry) moveFunds(scope, dispute, -amount, "charge.dispute.funds_withdrawn")
  return dispute
}

function moveFunds(scope: Scope, dispute: Stripe.Dispute, amount: number, eventType: string): void {
  const description = `${amount < 0 ? "Chargeback withdrawal" : "Chargeback reversal"} for ${idOf(dispute.charge)}`
  const txn = recordBalanceTransaction(scope, amount, dispute.currency, "adjustment", dispute.id, description)
  dispute.balance_transactions.push(txn)
  scope.emit(eventType, dispute)
}

/**
 * Moves a dispute to `status` as the card network would: updated, closed when it ends, and the money
 * back when a chargeback is won (also after it was lost: an appeal), withdrawn again when lost after a win.
 */
export function changeDisputeStatus(scope: Scope, dispute: Stripe.Dispute, status: DisputeStatus): Stripe.Dispute {
  if (!isDisputeStatus(status)) throw invalidRequest(`Invalid dispute status: ${String(status)}`, { param: "status" })
  if (!dispute.status.startsWith("warning_") && status.startsWith("warning_")) {
    throw invalidRequest(`A chargeback cannot become an inquiry (${dispute.status} → ${status}).`, { param: "status" })
  }
  const previous = { status: dispute.status }
  dispute.status = status
  // An inquiry that escalates is a chargeback: the charge can no longer be refunded.
  if (!status.startsWith("warning_")) dispute.is_charge_refundable = false
  scope.emit("charge.dispute.updated", dispute, previous)
  // An inquiry that escalates to a chargeback, or any chargeback lost: the money is out of the balance.
  const takesMoney = status === "lost" || (!status.startsWith("warning_") && status !== "won" && status !== "prevented")
  if (takesMoney && !fundsWithdrawn(dispute)) moveFunds(scope, dispute, -dispute.amount, "charge.dispute.funds_withdrawn")
  if (status === "won" && fundsWithdrawn(dispute)) moveFunds(scope, dispute, dispute.amount, "charge.dispute.funds_reinstated")
  if (CLOSED.has(status)) scope.emit("charge.dispute.closed", dispute, previous)
  return dispute
}

/** A charge made with a dispute test card (pm_card_createDispute, ...) is disputed as soon as it succeeds. */
export function disputeIfTestCardAsks(scope: Scope, charge: Stripe.Charge): void {
  const pm = typeof charge.payment_method === "string" ? charge.payment_method : null
  const asks = pm ? scope.data.cards.get(pm)?.card.dispute : undefined
  if (asks && charge.captured && !charge.disputed) openDispute(scope, charge, asks)
}

export function findDispute(scope: Scope, id: string): Stripe.Dispute {
  const dispute = scope.data.disputes.get(id)
  if (!dispute) throw resourceMissing("dispute", id, "dispute")
  return dispute
}

export const disputeRoutes: StripeRoute[] = [
  { method: "GET", template: "/v1/disputes/{dispute}", handler: ({ scope, path }) => findDispute(scope, path.dispute) },
  {
    method: "GET",
    template: "/v1/disputes",
    handler: ({ scope, params, url }) => {
      const charge = params.string("charge")
      const intent = params.string("payment_intent")
      const items = scope.data.disputes
        .newestFirst()
        .filter((d) => (!charge || idOf(d.charge) === charge) && (!intent || d.payment_intent === intent))
      return paginate(filterCreated(items, params), params, url, "dispute")
    },
  },
  {
    method: "POST",
    template: "/v1/disputes/{dispute}",
    handler: ({ scope, params, path }) => {
      const dispute = findDispute(scope, path.dispute)
      const previous = { metadata: { ...dispute.metadata } }
      dispute.metadata = mergeMetadata(dispute.metadata, params.metadata())
      scope.emit("charge.dispute.updated", dispute, previous)
      return dispute
    },
  },
  {
    method: "POST",
    template: "/v1/disputes/{dispute}/close",
    handler: ({ scope, path }) => {
      const dispute = findDispute(scope, path.dispute)
      if (CLOSED.has(dispute.status)) throw invalidRequest(`This dispute is already closed (${dispute.status}).`)
      // Accepting a dispute: an inquiry closes, a chargeback is lost.
      return changeDisputeStatus(scope, dispute, dispute.status.startsWith("warning_") ? "warning_closed" : "lost")
    },
  },
]
