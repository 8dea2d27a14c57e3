import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import type Stripe from "stripe"
import { STRIPE_COLLECT_MODULE } from "../modules/stripe-collect"
import type StripeCollectModuleService from "../modules/stripe-collect/service"
import { stripeGateway } from "../stripe/configured-gateway"
import { recordMoneyOutWorkflow } from "../workflows/record-money-out"

export type RefundRequestRow = Awaited<ReturnType<StripeCollectModuleService["retrieveRefundRequest"]>>

/** The metadata key naming our refund request on the Stripe refund: a claim, believed only when the request matches. */
export const REFUND_REQUEST_METADATA_KEY = "stripe_collect_refund_request"

/** The activity line's words for a refund the plugin asked for. */
export function requestedRefundMessage(request: Pick<RefundRequestRow, "origin" | "note">, reasonLabel?: string | null): string {
  const why =
    request.origin === "canceled_order"
      ? "Refunded automatically: the money arrived after the order was canceled"
      : "Refunded from the order's Stripe card"
  return [why, reasonLabel ? `reason: ${reasonLabel}` : null, request.note ? `note: ${request.note}` : null].filter(Boolean).join(" · ")
}

/**
 * The refund request a Stripe refund names in its metadata, if the request really is for this refund:
 * the same payment, PaymentIntent and amount, and not tied to another Stripe refund already.
 */
export async function requestOfRefund(
  container: MedusaContainer,
  payment: { payment_id: string },
  refund: Stripe.Refund
): Promise<RefundRequestRow | undefined> {
  const claim = refund.metadata?.[REFUND_REQUEST_METADATA_KEY]
  if (!claim) return undefined
  const ledger = container.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)
  const [request] = await ledger.listRefundRequests({ id: claim }, { take: 1 })
  const intentId = typeof refund.payment_intent === "string" ? refund.payment_intent : refund.payment_intent?.id
  if (!request || request.payment_id !== payment.payment_id || request.payment_intent_id !== intentId) return undefined
  if (request.amount_minor !== refund.amount) return undefined
  if (request.stripe_refund_id && request.stripe_refund_id !== refund.id) return undefined
  return request
}

/**
 * A refund Stripe made for one of our requests becomes its Medusa refund: once, keyed by Stripe's refund id,
 * through the one money-out recording (Medusa's refund workflow, with the request's reason, note and admin),
 * whoever gets there first — the route that asked, the refund's webhook, reconciliation or a retry.
 */
export async function recordRequestedRefund(
  container: MedusaContainer,
  request: RefundRequestRow,
  refund: Stripe.Refund
): Promise<"recorded" | "already_recorded"> {
  return container
    .resolve(Modules.LOCKING)
    .execute(refundRequestLockKey(request.id), () => recordUnderLock(container, request.id, refund), { timeout: 60 })
}

/** Serializes the recording of a request with the route marking it "being checked" (a lost answer). */
export const refundRequestLockKey = (requestId: string) => `stripe-collect:refund-request:${requestId}`

async function recordUnderLock(
  container: MedusaContainer,
  requestId: string,
  refund: Stripe.Refund
): Promise<"recorded" | "already_recorded"> {
  const ledger = container.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)
  // Read again under the lock: the activity line may have been written meanwhile.
  const request = await ledger.retrieveRefundRequest(requestId)
  const reasonLabel = await refundReasonLabel(container, request.refund_reason_id)
  const { result } = await recordMoneyOutWorkflow(container).run({
    input: {
      kind: "refund",
      stripe_object_id: refund.id,
      payment_intent_id: request.payment_intent_id,
      stripe_account: request.stripe_account ?? null,
      order_id: request.order_id,
      payment_id: request.payment_id,
      origin: "medusa",
      amount: Number(request.amount),
      amount_minor: refund.amount,
      currency_code: request.currency_code,
      stripe_status: refund.status ?? "succeeded",
      message: requestedRefundMessage(request, reasonLabel),
      note: request.note ?? requestedRefundMessage(request),
      refund_reason_id: request.refund_reason_id ?? undefined,
      created_by: request.requested_by,
      activity_id: request.activity_id,
      livemode: !stripeGateway(container).testMode,
    },
  })
  await ledger.updateRefundRequests({
    id: request.id,
    status: "refunded",
    stripe_refund_id: refund.id,
    activity_id: result.row?.activity_id ?? request.activity_id,
    failure_code: null,
    message: null,
  })
  return result.already ? "already_recorded" : "recorded"
}

async function refundReasonLabel(container: MedusaContainer, id: string | null): Promise<string | null> {
  if (!id) return null
  const query = container.resolve("query")
  const { data } = await query.graph({ entity: "refund_reason", fields: ["label"], filters: { id } })
  return (data[0] as { label?: string } | undefined)?.label ?? null
}
