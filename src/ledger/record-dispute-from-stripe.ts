import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import type Stripe from "stripe"
import { reportIntegrationError } from "../integration-errors/report-integration-error"
import { STRIPE_COLLECT_MODULE } from "../modules/stripe-collect"
import type StripeCollectModuleService from "../modules/stripe-collect/service"
import { orderLockKey } from "../orders/order-lock"
import { stripeGateway } from "../stripe/configured-gateway"
import { asMinorUnits, fromMinorUnitsToNumber } from "../stripe/money"
import { emailMerchantDisputeOpened } from "../payment-notifications/email-merchant-dispute-opened"
import { recordMoneyOutWorkflow } from "../workflows/record-money-out"
import { disputeLostReasonId } from "./dispute-lost-reason"
import { paymentOfIntent, type PaymentInLedger } from "./payment-of-intent"
import { recordMoneyReturned } from "./record-money-returned"

/**
 * What became of a Stripe dispute handed to the ledger: opened (new, the merchant emailed), changed (a new
 * status shown), unchanged, lost (the money recorded as gone), returned (won after it was lost: the money
 * back), or not_ours (a payment the plugin did not record).
 */
export type DisputeRecordingResult = "opened" | "changed" | "unchanged" | "lost" | "returned" | "not_ours"

const ledgerOf = (container: MedusaContainer) => container.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)
const words = (value: string) => value.replace(/_/g, " ")

/** A dispute Stripe reports (webhook, reconciliation): read from Stripe first; every status Stripe has is kept. */
export async function recordDisputeFromStripe(
  container: MedusaContainer,
  ref: { dispute_id: string; account: string | undefined }
): Promise<DisputeRecordingResult> {
  const { disputes, paymentIntents } = stripeGateway(container).onAccount(ref.account)
  const dispute = await disputes.retrieve(ref.dispute_id)
  const intentId = typeof dispute.payment_intent === "string" ? dispute.payment_intent : (dispute.payment_intent?.id ?? null)
  if (!intentId) return "not_ours"
  const payment = await paymentOfIntent(container, await paymentIntents.retrieve(intentId), ref.account)
  if (!payment) return "not_ours"

  const change = await container
    .resolve(Modules.LOCKING)
    .execute(orderLockKey(payment.order_id), () => noteDispute(container, payment, dispute), { timeout: 60 })
  if (change === "opened") await tellMerchantDisputeOpened(container, payment, dispute)

  const money = await settleDisputeMoney(container, payment, dispute)
  return money ?? change
}

/** The dispute's row and one activity line per status Stripe gave it, under the order's lock. */
async function noteDispute(
  container: MedusaContainer,
  payment: PaymentInLedger,
  dispute: Stripe.Dispute
): Promise<"opened" | "changed" | "unchanged"> {
  const ledger = ledgerOf(container)
  const [row] = await ledger.listDisputes({ stripe_dispute_id: dispute.id }, { take: 1 })
  if (row && row.status === dispute.status) return "unchanged"
  const amount = fromMinorUnitsToNumber(asMinorUnits(dispute.amount), dispute.currency)
  const due = dispute.evidence_details?.due_by ? new Date(dispute.evidence_details.due_by * 1000) : null
  const fields = {
    charge_id: typeof dispute.charge === "string" ? dispute.charge : dispute.charge.id,
    payment_intent_id: typeof dispute.payment_intent === "string" ? dispute.payment_intent : (dispute.payment_intent?.id ?? ""),
    stripe_account: payment.stripe_account,
    order_id: payment.order_id,
    payment_id: payment.payment_id,
    amount,
    currency_code: payment.currency_code,
    reason: dispute.reason,
    status: dispute.status,
    evidence_due_by: due,
    livemode: dispute.livemode,
  }
  if (row) await ledger.updateDisputes({ id: row.id, ...fields })
  else await ledger.createDisputes([{ stripe_dispute_id: dispute.id, ...fields }])
  await ledger.createActivities([
    {
      order_id: payment.order_id,
      kind: "dispute",
      status: dispute.status,
      operation: row ? "dispute_updated" : "dispute_opened",
      amount,
      currency_code: payment.currency_code,
      stripe_object_id: dispute.id,
      message: disputeLine(dispute, due),
      livemode: dispute.livemode,
    },
  ])
  return row ? "changed" : "opened"
}

function disputeLine(dispute: Stripe.Dispute, due: Date | null): string {
  const what = dispute.status.startsWith("warning_") ? "Inquiry" : "Dispute"
  const dueText = due && /needs_response/.test(dispute.status) ? `; evidence due ${due.toISOString().slice(0, 10)}` : ""
  return `${what} ${words(dispute.status)} (reason: ${words(dispute.reason)})${dueText}`
}

/**
 * Lost: Medusa records the money as gone (a refund with reason "Dispute lost", without calling Stripe).
 * Won after that (an appeal, funds reinstated): the money comes back as a payment. Won otherwise: nothing.
 */
async function settleDisputeMoney(
  container: MedusaContainer,
  payment: PaymentInLedger,
  dispute: Stripe.Dispute
): Promise<"lost" | "returned" | undefined> {
  const ledger = ledgerOf(container)
  const [gone] = await ledger.listMoneyOuts({ stripe_object_id: dispute.id }, { take: 1 })
  if (dispute.status === "lost" && !gone?.medusa_refund_id) {
    const amount = fromMinorUnitsToNumber(asMinorUnits(dispute.amount), dispute.currency)
    await recordMoneyOutWorkflow(container).run({
      input: {
        kind: "dispute_lost",
        stripe_object_id: dispute.id,
        payment_intent_id: typeof dispute.payment_intent === "string" ? dispute.payment_intent : (dispute.payment_intent?.id ?? ""),
        stripe_account: payment.stripe_account,
        order_id: payment.order_id,
        payment_id: payment.payment_id,
        origin: "stripe",
        amount,
        amount_minor: dispute.amount,
        currency_code: payment.currency_code,
        stripe_status: "lost",
        message: `Dispute lost (${dispute.id}, reason: ${words(dispute.reason)}): the bank gave the money to the customer`,
        livemode: dispute.livemode,
        refund_reason_id: await disputeLostReasonId(container),
      },
    })
    return "lost"
  }
  if (dispute.status === "won" && gone?.medusa_refund_id && !gone.returned_at) {
    const result = await recordMoneyReturned(container, gone, {
      stripe_status: "won",
      reason: `Dispute ${dispute.id} was won after it was lost`,
    })
    return result === "returned" ? "returned" : undefined
  }
  return undefined
}

/** The payment-notifications address hears of it once; a failed email is reported, never thrown (the dispute is noted). */
async function tellMerchantDisputeOpened(container: MedusaContainer, payment: PaymentInLedger, dispute: Stripe.Dispute) {
  try {
    await emailMerchantDisputeOpened(container, payment, dispute)
  } catch (error) {
    await reportIntegrationError(container, {
      kind: "email_not_sent",
      operation: "Dispute",
      order_id: payment.order_id,
      stripe_object_id: dispute.id,
      message: `Could not email that the customer disputed a payment (${dispute.id}): ${error instanceof Error ? error.message : String(error)}`,
      action: "Check the email provider's settings, and the dispute in the Stripe Dashboard: evidence has a due date.",
    })
  }
}

/** A dispute not yet known to be resolved: Stripe refuses refunds on a disputed charge (order cancel must say so). */
export const OPEN_DISPUTE_STATUSES = [
  "warning_needs_response",
  "warning_under_review",
  "needs_response",
  "under_review",
  "appeal_needs_response",
  "appeal_under_review",
]

export function disputeBlocksRefund(status: string): boolean {
  return OPEN_DISPUTE_STATUSES.includes(status) && !status.startsWith("warning_")
}
