import type { PaymentAttemptRecord } from "./ledger-statements"
import { NOT_CHARGED_CODE, UNDECIDED_OUTCOME_CODE, type AttemptOutcome, type RecordingSource } from "./ledger"

/** An activity line's columns as the ledger writes them. */
export type ActivityLine = {
  order_id?: string | null
  kind?: "charge" | "payment_link"
  amount?: number | null
  currency_code?: string | null
  payment_link_id?: string | null
  attempt_key?: string | null
  status?: string
  operation?: string | null
  payment_collection_id?: string | null
  stripe_object_id?: string | null
  stripe_request_id?: string | null
  idempotency_key?: string | null
  card_brand?: string | null
  card_last4?: string | null
  payment_method?: string | null
  failure_code?: string | null
  decline_code?: string | null
  message?: string | null
  livemode?: boolean
}

/**
 * What an outcome changes: the attempt's columns, its activity line's (an admin charge has one from the
 * start), or — for a link payment, which gets its line when it is paid — the new line to write.
 */
export type AttemptChange = {
  attempt: Partial<PaymentAttemptRecord>
  line: ActivityLine | null
  newLine: ActivityLine | null
}

const RECOVERED_MESSAGE = "Stripe took this charge but its answer was lost; recorded from Stripe afterwards."

const chargeOperation: Record<RecordingSource, string> = {
  charge: "charge_card",
  retry: "charge_card",
  return: "charge_card",
  webhook: "charge_card_recovered_webhook",
  reconciliation: "charge_card_recovered",
}

const linkOperation: Record<RecordingSource, string> = {
  charge: "payment_link_paid",
  retry: "payment_link_paid",
  return: "payment_link_paid",
  webhook: "payment_link_paid_webhook",
  reconciliation: "payment_link_paid_reconciled",
}

/** The activity line a link payment gets when it is first paid (or first processing). */
function newLineOf(attempt: PaymentAttemptRecord, line: ActivityLine): ActivityLine {
  return {
    order_id: attempt.order_id,
    kind: attempt.flow === "admin_charge" ? "charge" : "payment_link",
    amount: Number(attempt.amount),
    currency_code: attempt.currency_code,
    payment_link_id: attempt.payment_link_id,
    attempt_key: attempt.attempt_key,
    ...line,
  }
}

/** The rules of an attempt's life, as data: what each of Stripe's answers writes. */
export function attemptChange(attempt: PaymentAttemptRecord, outcome: AttemptOutcome, now: Date): AttemptChange {
  const isCharge = attempt.flow === "admin_charge"
  switch (outcome.status) {
    case "open":
      return {
        attempt: { status: "open", checkout_session_id: outcome.checkout_session_id, payable_until: outcome.payable_until },
        line: null,
        newLine: null,
      }
    case "processing": {
      const line: ActivityLine = {
        status: "processing",
        operation: "payment_link_processing",
        stripe_object_id: outcome.payment_intent_id,
        livemode: outcome.livemode,
        payment_method: outcome.method,
        message: "Processing at the bank, usually 3–5 business days; the order is paid when the bank confirms it",
      }
      const fields: Partial<PaymentAttemptRecord> = {
        status: "processing",
        payment_intent_id: outcome.payment_intent_id,
        livemode: outcome.livemode,
        message: outcome.method,
      }
      if (attempt.activity_id) return { attempt: fields, line, newLine: null }
      return { attempt: fields, line: null, newLine: newLineOf(attempt, line) }
    }
    case "succeeded":
      return {
        attempt: {
          status: "succeeded",
          payment_intent_id: outcome.payment_intent_id,
          livemode: outcome.livemode,
          ...(outcome.checkout_session_id ? { checkout_session_id: outcome.checkout_session_id } : {}),
        },
        line: isCharge
          ? { stripe_object_id: outcome.payment_intent_id, message: "Stripe took this payment; recording it in Medusa" }
          : null,
        newLine: null,
      }
    case "recorded": {
      const line: ActivityLine = {
        status: isCharge ? "succeeded" : "paid",
        operation: (isCharge ? chargeOperation : linkOperation)[outcome.source],
        payment_collection_id: outcome.payment_collection_id,
        stripe_object_id: outcome.payment_intent_id,
        card_brand: outcome.card_brand,
        card_last4: outcome.card_last4,
        livemode: outcome.livemode,
        failure_code: null,
        decline_code: null,
        payment_method: outcome.method ?? null,
        message: isCharge && outcome.source !== "charge" && outcome.source !== "retry" ? RECOVERED_MESSAGE : null,
      }
      const fields: Partial<PaymentAttemptRecord> = {
        status: "recorded",
        payment_intent_id: outcome.payment_intent_id,
        payment_id: outcome.payment_id,
        payment_collection_id: outcome.payment_collection_id,
        livemode: outcome.livemode,
        failure_code: null,
        decline_code: null,
        message: outcome.note ?? null,
        settled_at: now,
        ...(outcome.checkout_session_id ? { checkout_session_id: outcome.checkout_session_id } : {}),
      }
      if (attempt.activity_id) return { attempt: fields, line, newLine: null }
      return { attempt: fields, line: null, newLine: newLineOf(attempt, line) }
    }
    case "declined":
      return {
        attempt: {
          status: "declined",
          failure_code: outcome.failure_code,
          decline_code: outcome.decline_code ?? null,
          message: outcome.message,
          settled_at: now,
          ...(outcome.payment_intent_id ? { payment_intent_id: outcome.payment_intent_id } : {}),
        },
        line: {
          status: "failed",
          stripe_object_id: outcome.payment_intent_id ?? null,
          stripe_request_id: outcome.stripe_request_id ?? null,
          failure_code: outcome.failure_code,
          decline_code: outcome.decline_code ?? null,
          message: outcome.message,
        },
        newLine: null,
      }
    case "lost":
      return {
        attempt: {
          status: "lost",
          failure_code: UNDECIDED_OUTCOME_CODE,
          message: outcome.message,
          ...(outcome.payment_intent_id ? { payment_intent_id: outcome.payment_intent_id } : {}),
        },
        line: {
          status: "failed",
          failure_code: UNDECIDED_OUTCOME_CODE,
          stripe_request_id: outcome.stripe_request_id ?? null,
          message: outcome.message,
        },
        newLine: null,
      }
    case "failed":
      return {
        attempt: {
          status: "failed",
          failure_code: outcome.failure_code,
          message: outcome.message,
          settled_at: now,
          ...(outcome.payment_intent_id ? { payment_intent_id: outcome.payment_intent_id } : {}),
        },
        line: {
          status: "failed",
          failure_code: outcome.failure_code,
          stripe_request_id: outcome.stripe_request_id ?? null,
          message: outcome.message,
          // Nothing was charged: a retry with the same Idempotency-Key may try again.
          idempotency_key: null,
        },
        newLine: null,
      }
    case "not_charged":
      return {
        attempt: { status: "not_charged", failure_code: NOT_CHARGED_CODE, settled_at: now },
        line: {
          status: "failed",
          failure_code: NOT_CHARGED_CODE,
          idempotency_key: null,
          message: "Stripe's answer was lost and Stripe has no payment for this attempt: the card was not charged.",
        },
        newLine: null,
      }
    case "expired":
      return { attempt: { status: "expired", settled_at: now }, line: null, newLine: null }
  }
}
