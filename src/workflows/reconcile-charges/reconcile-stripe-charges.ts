import type Stripe from "stripe"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { STRIPE_COLLECT_MODULE } from "../../modules/stripe-collect"
import type StripeCollectModuleService from "../../modules/stripe-collect/service"
import { UNDECIDED_OUTCOME_CODE } from "../../stripe/errors"
import { fromMinorUnitsToNumber } from "../../stripe/money"
import { ATTEMPT_METADATA_KEY, PENDING_STATUS } from "../charge-order-card/charge-details"
import { reportIntegrationError } from "../report-integration-error"
import { findAdminCharges } from "./find-admin-charges"
import { recordStripeCharge, type RecoverySource } from "./record-stripe-charge"

/** Failure code of an attempt Stripe never took: the card was not charged. */
export const NOT_CHARGED_CODE = "not_charged"

/**
 * A lost answer is "not charged" only once no request could still be running for it: a charge waits at
 * most a minute for the order's lock and the SDK three tries of 40 s, so five minutes on Stripe has
 * either made the PaymentIntent or never will.
 */
export const NOT_CHARGED_AFTER_MS = 5 * 60_000

// PaymentIntents are made before their attempt's activity row; look this much further back.
const CREATED_BEFORE_ROW_MS = 5 * 60_000

export type ReconcileOptions = {
  since: Date
  order_id?: string
  attempt_key?: string
  source?: RecoverySource
  now?: Date
}

export type ReconcileSummary = {
  /** Admin-charge PaymentIntents read from Stripe. */
  checked: number
  /** Succeeded at Stripe, missing in Medusa, recorded now. */
  recorded: number
  already_recorded: number
  /** For orders this store does not have (another Medusa on the same Stripe account, a deleted order). */
  unknown_order: number
  /** Succeeded at Stripe but could not be recorded (the merchant is emailed). */
  failed: number
  /** Lost answers Stripe has no payment for. */
  not_charged: number
  /** Lost answers Stripe declined. */
  declined: number
}

/**
 * Makes Medusa agree with Stripe about admin charges made since a moment: every succeeded
 * PaymentIntent is recorded once, and every attempt whose answer was lost gets its real outcome.
 * Run by the reconciliation job, the admin's "check Stripe" action, and a charge that lost its answer.
 */
export async function reconcileStripeCharges(container: MedusaContainer, options: ReconcileOptions): Promise<ReconcileSummary> {
  const now = options.now ?? new Date()
  const summary: ReconcileSummary = { checked: 0, recorded: 0, already_recorded: 0, unknown_order: 0, failed: 0, not_charged: 0, declined: 0 }
  const intents = await findAdminCharges(container, {
    since: new Date(options.since.getTime() - CREATED_BEFORE_ROW_MS),
    order_id: options.order_id,
    attempt_key: options.attempt_key,
  })
  summary.checked = intents.length

  const service = container.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)
  const succeeded = intents.filter((i) => i.status === "succeeded")
  // Recorded ones are skipped without waiting for their order's lock (recordStripeCharge checks again under it).
  const known = new Set(
    succeeded.length
      ? (
          await service.listActivities(
            { kind: "charge", status: "succeeded", stripe_object_id: succeeded.map((i) => i.id) },
            { select: ["stripe_object_id"] }
          )
        ).map((a) => a.stripe_object_id)
      : []
  )
  for (const intent of succeeded.reverse()) {
    if (known.has(intent.id)) {
      summary.already_recorded++
      continue
    }
    try {
      summary[await recordStripeCharge(container, intent, options.source ?? "reconciliation")]++
    } catch (error) {
      summary.failed++
      await reportNotRecorded(container, intent, error)
    }
  }

  // Attempts whose answer was lost, and attempts still pending (their process may have died).
  const lost = await service.listActivities({
    kind: "charge",
    $or: [{ status: "failed", failure_code: UNDECIDED_OUTCOME_CODE }, { status: PENDING_STATUS }],
    created_at: { $gte: options.since },
    ...(options.order_id ? { order_id: options.order_id } : {}),
    ...(options.attempt_key ? { attempt_key: options.attempt_key } : {}),
  })
  for (const attempt of lost) {
    if (!attempt.attempt_key) continue
    const intent = intents.find((i) => i.metadata[ATTEMPT_METADATA_KEY] === attempt.attempt_key)
    if (intent) {
      const failure = intent.last_payment_error
      if (intent.status === "requires_payment_method" && failure) {
        summary.declined++
        await service.updateActivities({
          id: attempt.id,
          status: "failed",
          stripe_object_id: intent.id,
          failure_code: failure.decline_code ?? failure.code ?? "card_declined",
          decline_code: failure.decline_code ?? null,
          message: failure.message ?? "The card was declined",
        })
      }
      continue
    }
    if (now.getTime() - new Date(attempt.created_at).getTime() < NOT_CHARGED_AFTER_MS) continue
    summary.not_charged++
    await service.updateActivities({
      id: attempt.id,
      status: "failed",
      failure_code: NOT_CHARGED_CODE,
      // A retry with the same Idempotency-Key may charge now: Stripe never took this one.
      idempotency_key: null,
      message: "Stripe's answer was lost and Stripe has no payment for this attempt: the card was not charged.",
    })
  }
  return summary
}

async function reportNotRecorded(container: MedusaContainer, intent: Stripe.PaymentIntent, error: unknown) {
  const reason = error instanceof Error ? error.message : String(error)
  container
    .resolve(ContainerRegistrationKeys.LOGGER)
    .error(`stripe-collect: could not record PaymentIntent ${intent.id} of order ${intent.metadata.order_id}: ${reason}`)
  await reportIntegrationError(container, {
    kind: "payment_not_recorded",
    operation: "Charge card",
    order_id: intent.metadata.order_id ?? null,
    order_display_id: intent.metadata.order_display_id ?? null,
    message: `Stripe took ${fromMinorUnitsToNumber(intent.amount_received, intent.currency)} ${intent.currency.toUpperCase()} (PaymentIntent ${intent.id}) but Medusa could not record it: ${reason}`,
  })
}
