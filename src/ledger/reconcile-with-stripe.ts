import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { STRIPE_COLLECT_MODULE } from "../modules/stripe-collect"
import type { AttemptFlow, RecordingSource } from "../modules/stripe-collect/ledger"
import type StripeCollectModuleService from "../modules/stripe-collect/service"
import { stripeErrorDetails } from "../stripe/errors"
import { errorMessage } from "../utils/error-message"
import { reportIntegrationError } from "../integration-errors/report-integration-error"
import type { StripeRecordingResult } from "./record-from-stripe"
import { recoverAttempt } from "./recover-attempt"

export type ReconcileOptions = {
  order_id?: string
  flow?: AttemptFlow
  /** Only attempts made since this moment. */
  since?: Date
  source?: RecordingSource
  now?: Date
}

export type ReconcileSummary = {
  /** Unsettled attempts of the ledger asked about (Stripe is asked about nothing else). */
  checked: number
  /** Stripe took the money, Medusa had not recorded it: recorded now. */
  recorded: number
  already_recorded: number
  declined: number
  /** Lost answers Stripe has no payment for: the card was not charged. */
  not_charged: number
  /** Link Checkouts that closed unpaid. */
  expired: number
  /** Still open (a customer may be paying) or not decided yet: asked again next time. */
  waiting: number
  /** Claimed an attempt but did not match it (amount, currency, account): never recorded, logged. */
  mismatch: number
  /** Could not be asked or recorded now (Stripe unreachable, Medusa refused): retried next time; money that cannot be recorded is emailed. */
  failed: number
}

/**
 * Makes Medusa agree with Stripe about the plugin's own unsettled work: every attempt the ledger has
 * not settled (pending, lost, taken-but-unrecorded, open link Checkouts) is asked about by its own ids.
 * Run by the job every 10 minutes, "Check Stripe now", and a charge on an order with unsettled attempts;
 * its cost grows with that work, not with the Stripe account's volume.
 */
export async function reconcileWithStripe(container: MedusaContainer, options: ReconcileOptions = {}): Promise<ReconcileSummary> {
  const service = container.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)
  const now = options.now ?? new Date()
  const summary: ReconcileSummary = {
    checked: 0,
    recorded: 0,
    already_recorded: 0,
    declined: 0,
    not_charged: 0,
    expired: 0,
    waiting: 0,
    mismatch: 0,
    failed: 0,
  }
  const attempts = await service.unsettledAttempts({
    order_id: options.order_id,
    flow: options.flow,
    created_after: options.since,
  })
  for (const attempt of attempts) {
    summary.checked++
    try {
      const result = await recoverAttempt(container, attempt, options.source ?? "reconciliation", now)
      summary[bucketOf(result)]++
    } catch (error) {
      summary.failed++
      // Read again: asking Stripe may have written Stripe's id on it, which the merchant needs.
      const current = await service.retrievePaymentAttempt(attempt.id).catch(() => attempt)
      await reportNotRecorded(container, current, error)
    }
  }
  return summary
}

function bucketOf(result: StripeRecordingResult): keyof ReconcileSummary {
  switch (result) {
    case "recorded":
    case "already_recorded":
    case "declined":
    case "not_charged":
    case "expired":
    case "mismatch":
      return result
    case "payment_failed":
      // The bank refused a debit: nothing was taken, like a decline.
      return "declined"
    default:
      return "waiting"
  }
}

type Attempt = Awaited<ReturnType<StripeCollectModuleService["retrievePaymentAttempt"]>>

/** Stripe unreachable is retried quietly; Medusa refusing money Stripe took is the merchant's to know. */
async function reportNotRecorded(container: MedusaContainer, attempt: Attempt, error: unknown) {
  const reason = errorMessage(error)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  if (stripeErrorDetails(error)) {
    logger.warn(`stripe-collect: could not ask Stripe about attempt ${attempt.id} of order ${attempt.order_id}: ${reason}`)
    return
  }
  logger.error(`stripe-collect: could not record attempt ${attempt.id} of order ${attempt.order_id}: ${reason}`)
  await reportIntegrationError(container, {
    kind: "payment_not_recorded",
    operation: attempt.flow === "admin_charge" ? "Charge card" : "Payment link",
    order_id: attempt.order_id,
    message: `Stripe took ${Number(attempt.amount)} ${attempt.currency_code.toUpperCase()} (${attempt.payment_intent_id ?? attempt.checkout_session_id ?? attempt.attempt_key}) but Medusa could not record it: ${reason}`,
  }).catch(() => undefined)
}
