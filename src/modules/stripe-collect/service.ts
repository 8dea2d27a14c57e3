import type { Context, InferTypeOf } from "@medusajs/framework/types"
import {
  generateEntityId,
  InjectManager,
  InjectTransactionManager,
  MedusaContext,
  MedusaError,
  MedusaService,
} from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import Activity from "./models/activity"
import PaymentAttempt from "./models/payment-attempt"
import PaymentLink from "./models/payment-link"
import StripeConnection from "./models/stripe-connection"
import StripeEvent from "./models/stripe-event"
import {
  NOT_CHARGED_CODE,
  UNDECIDED_OUTCOME_CODE,
  UNSETTLED_STATUSES,
  type AttemptFlow,
  type AttemptOutcome,
  type BeginChargeAttempt,
  type BeginLinkCheckout,
  type RecordingSource,
} from "./ledger"

export type PaymentAttemptRecord = InferTypeOf<typeof PaymentAttempt>

/** How a verified Stripe event stands: new, seen and finished, or seen but not finished (handle it again). */
export type StripeEventReceipt = { id: string; handled: boolean }

export type StripeEventArrival = {
  event_id: string
  type: string
  account: string | null
  object_id: string | null
  received_at: Date
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

/**
 * The plugin's own state — the Stripe connection and settings, payment links, the ledger of payment
 * attempts, verified Stripe events and the order activity log — with the ledger's domain methods, so
 * the rules of an attempt's life are written once, here, and every caller goes through them.
 */
class StripeCollectModuleService extends MedusaService({
  StripeConnection,
  PaymentLink,
  PaymentAttempt,
  StripeEvent,
  Activity,
}) {
  // ---------------------------------------------------------------- ledger: writing attempts

  /**
   * Writes an admin charge's attempt (and the order's "waiting for Stripe" line) before Stripe is called.
   * A retry of an attempt whose answer was lost (same key) takes the attempt up again instead.
   */
  @InjectTransactionManager()
  async beginChargeAttempt(input: BeginChargeAttempt, @MedusaContext() sharedContext: Context = {}) {
    // Only a request's own key can come again (a retry); a charge without one has a fresh random key.
    const [existing] = input.request_key
      ? await this.listPaymentAttempts({ attempt_key: input.attempt_key }, { take: 1 }, sharedContext)
      : []
    if (existing) {
      if (!["lost", "not_charged", "failed"].includes(existing.status)) {
        throw new MedusaError(
          MedusaError.Types.CONFLICT,
          `Charge attempt ${existing.id} is ${existing.status}; it cannot be tried again`
        )
      }
      if (existing.activity_id) {
        await this.updateActivities(
          { id: existing.activity_id, status: "pending", failure_code: null, decline_code: null, message: "Waiting for Stripe's answer" },
          sharedContext
        )
      }
      return this.updatePaymentAttempts(
        { id: existing.id, status: "pending", failure_code: null, decline_code: null, message: null },
        sharedContext
      )
    }
    const [activity] = await this.createActivities(
      [
        {
          order_id: input.order_id,
          kind: "charge",
          status: "pending",
          operation: "charge_card",
          amount: input.amount,
          currency_code: input.currency_code,
          idempotency_key: input.request_key,
          attempt_key: input.attempt_key,
          message: "Waiting for Stripe's answer",
        },
      ],
      sharedContext
    )
    const [attempt] = await this.createPaymentAttempts(
      [{ ...input, flow: "admin_charge", status: "pending", activity_id: activity.id }],
      sharedContext
    )
    return attempt
  }

  /** Writes a payment link's Checkout attempt before Stripe is asked to open the Checkout Session. */
  @InjectTransactionManager()
  async beginLinkCheckout(input: BeginLinkCheckout, @MedusaContext() sharedContext: Context = {}) {
    const [existing] = await this.listPaymentAttempts({ attempt_key: input.attempt_key }, { take: 1 }, sharedContext)
    // The same press again (its answer was lost): Stripe answers the same request with the same session.
    if (existing) return existing
    const [attempt] = await this.createPaymentAttempts([{ ...input, flow: "payment_link", status: "pending" }], sharedContext)
    return attempt
  }

  /**
   * Writes what Stripe said about an attempt, and shows it on the order's activity: the one place an
   * attempt changes state. Recorded, declined, failed, not charged and expired are final.
   */
  @InjectTransactionManager()
  async settleAttempt(
    id: string,
    outcome: AttemptOutcome,
    /** The attempt as the caller read it under the order's lock, when it has it (saves reading it again). */
    current?: PaymentAttemptRecord,
    @MedusaContext() sharedContext: Context = {}
  ) {
    const attempt = current?.id === id ? current : await this.retrievePaymentAttempt(id, {}, sharedContext)
    if (attempt.status === "recorded" && outcome.status !== "recorded") {
      throw new MedusaError(MedusaError.Types.CONFLICT, `Payment attempt ${id} is recorded already`)
    }
    const now = new Date()
    const isCharge = attempt.flow === "admin_charge"
    let activityId = attempt.activity_id
    let fields: Record<string, unknown>
    let activity: Record<string, unknown> | null = null

    switch (outcome.status) {
      case "open":
        fields = { status: "open", checkout_session_id: outcome.checkout_session_id, payable_until: outcome.payable_until }
        break
      case "succeeded":
        fields = {
          status: "succeeded",
          payment_intent_id: outcome.payment_intent_id,
          livemode: outcome.livemode,
          ...(outcome.checkout_session_id ? { checkout_session_id: outcome.checkout_session_id } : {}),
        }
        if (isCharge) activity = { stripe_object_id: outcome.payment_intent_id, message: "Stripe took this payment; recording it in Medusa" }
        break
      case "recorded":
        fields = {
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
        activity = {
          status: isCharge ? "succeeded" : "paid",
          operation: (isCharge ? chargeOperation : linkOperation)[outcome.source],
          payment_collection_id: outcome.payment_collection_id,
          stripe_object_id: outcome.payment_intent_id,
          card_brand: outcome.card_brand,
          card_last4: outcome.card_last4,
          livemode: outcome.livemode,
          failure_code: null,
          decline_code: null,
          message: isCharge && outcome.source !== "charge" && outcome.source !== "retry" ? RECOVERED_MESSAGE : null,
        }
        if (!activityId) {
          // A link payment gets its line when it is paid; an attempt's own line is completed.
          const [created] = await this.createActivities(
            [
              {
                order_id: attempt.order_id,
                kind: isCharge ? "charge" : "payment_link",
                amount: Number(attempt.amount),
                currency_code: attempt.currency_code,
                payment_link_id: attempt.payment_link_id,
                attempt_key: attempt.attempt_key,
                ...activity,
              } as Parameters<StripeCollectModuleService["createActivities"]>[0][number],
            ],
            sharedContext
          )
          activityId = created.id
          activity = null
        }
        break
      case "declined":
        fields = {
          status: "declined",
          failure_code: outcome.failure_code,
          decline_code: outcome.decline_code ?? null,
          message: outcome.message,
          settled_at: now,
          ...(outcome.payment_intent_id ? { payment_intent_id: outcome.payment_intent_id } : {}),
        }
        activity = {
          status: "failed",
          stripe_object_id: outcome.payment_intent_id ?? null,
          stripe_request_id: outcome.stripe_request_id ?? null,
          failure_code: outcome.failure_code,
          decline_code: outcome.decline_code ?? null,
          message: outcome.message,
        }
        break
      case "lost":
        fields = {
          status: "lost",
          failure_code: UNDECIDED_OUTCOME_CODE,
          message: outcome.message,
          ...(outcome.payment_intent_id ? { payment_intent_id: outcome.payment_intent_id } : {}),
        }
        activity = {
          status: "failed",
          failure_code: UNDECIDED_OUTCOME_CODE,
          stripe_request_id: outcome.stripe_request_id ?? null,
          message: outcome.message,
        }
        break
      case "failed":
        fields = { status: "failed", failure_code: outcome.failure_code, message: outcome.message, settled_at: now }
        activity = {
          status: "failed",
          failure_code: outcome.failure_code,
          stripe_request_id: outcome.stripe_request_id ?? null,
          message: outcome.message,
          // Nothing was charged: a retry with the same Idempotency-Key may try again.
          idempotency_key: null,
        }
        break
      case "not_charged":
        fields = { status: "not_charged", failure_code: NOT_CHARGED_CODE, settled_at: now }
        activity = {
          status: "failed",
          failure_code: NOT_CHARGED_CODE,
          idempotency_key: null,
          message: "Stripe's answer was lost and Stripe has no payment for this attempt: the card was not charged.",
        }
        break
      case "expired":
        fields = { status: "expired", settled_at: now }
        break
    }

    if (activityId && activity) await this.updateActivities({ id: activityId, ...activity }, sharedContext)
    return this.updatePaymentAttempts({ id, ...fields, activity_id: activityId }, sharedContext)
  }

  /**
   * A recording rolled back after Stripe had taken the money: the attempt is "succeeded" again (taken,
   * not recorded), so recovery records it later. Nothing is ever refunded automatically.
   */
  @InjectTransactionManager()
  async undoRecording(id: string, @MedusaContext() sharedContext: Context = {}) {
    const attempt = await this.retrievePaymentAttempt(id, {}, sharedContext)
    if (attempt.status !== "recorded") return attempt
    if (attempt.activity_id) {
      await this.updateActivities(
        { id: attempt.activity_id, status: "pending", message: "Stripe took this payment; recording it in Medusa" },
        sharedContext
      )
    }
    return this.updatePaymentAttempts(
      { id, status: "succeeded", payment_id: null, payment_collection_id: null, settled_at: null },
      sharedContext
    )
  }

  // ---------------------------------------------------------------- ledger: reading attempts

  /** The attempt a Stripe object belongs to, found only by ids our server wrote or Stripe gave it. */
  async attemptFor(ref: { payment_intent_id?: string | null; checkout_session_id?: string | null; attempt_key?: string | null }) {
    const or = [
      ...(ref.payment_intent_id ? [{ payment_intent_id: ref.payment_intent_id }] : []),
      ...(ref.checkout_session_id ? [{ checkout_session_id: ref.checkout_session_id }] : []),
      ...(ref.attempt_key ? [{ attempt_key: ref.attempt_key }] : []),
    ]
    if (!or.length) return undefined
    const [attempt] = await this.listPaymentAttempts({ $or: or }, { take: 1 })
    return attempt
  }

  /** Attempts recovery still has to ask Stripe about, oldest first. */
  async unsettledAttempts(
    filter: { order_id?: string; flow?: AttemptFlow; attempt_key?: string; created_after?: Date; take?: number } = {}
  ) {
    return this.listPaymentAttempts(
      {
        status: UNSETTLED_STATUSES,
        ...(filter.order_id ? { order_id: filter.order_id } : {}),
        ...(filter.flow ? { flow: filter.flow } : {}),
        ...(filter.attempt_key ? { attempt_key: filter.attempt_key } : {}),
        ...(filter.created_after ? { created_at: { $gte: filter.created_after } } : {}),
      },
      { order: { created_at: "ASC" }, take: filter.take ?? 500 }
    )
  }

  /** Whether the plugin ever made a payment attempt on this Stripe account (events of others are ignored). */
  async knowsStripeAccount(account: string): Promise<boolean> {
    const [attempt] = await this.listPaymentAttempts({ stripe_account: account }, { take: 1, select: ["id"] })
    return Boolean(attempt)
  }

  // ---------------------------------------------------------------- verified Stripe events

  /**
   * Notes a verified event by Stripe's id. `handled` is true when an earlier delivery finished it
   * (processed or ignored), so this delivery changes nothing; an event whose handling failed is handled again.
   */
  @InjectManager()
  async receiveStripeEvent(arrival: StripeEventArrival, @MedusaContext() sharedContext: Context = {}): Promise<StripeEventReceipt> {
    // One statement per delivery (the webhook's hot path): insert, or learn that the event is known.
    const knex = (sharedContext.manager as { getKnex(): Knex }).getKnex()
    const inserted = await knex.raw<{ rows: { id: string }[] }>(
      `insert into stripe_collect_stripe_event (id, event_id, type, account, object_id, status, received_at)
       values (?, ?, ?, ?, ?, 'received', ?)
       on conflict (event_id) where deleted_at is null do nothing
       returning id`,
      [generateEntityId(undefined, "scevt"), arrival.event_id, arrival.type, arrival.account, arrival.object_id, arrival.received_at]
    )
    if (inserted.rows.length) return { id: inserted.rows[0].id, handled: false }
    const [known] = await this.listStripeEvents({ event_id: arrival.event_id }, { take: 1, select: ["id", "status"] }, sharedContext)
    if (!known) throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, `Stripe event ${arrival.event_id} could not be noted`)
    return { id: known.id, handled: known.status === "processed" || known.status === "ignored" }
  }

  /** Writes how an event's handling ended; "failed" leaves it to be handled again on redelivery. */
  async finishStripeEvent(id: string, status: "processed" | "ignored" | "failed", outcome: string) {
    // The row may be gone (pruned, or a test's reset database): the event's handling stands either way.
    const [row] = await this.listStripeEvents({ id }, { take: 1, select: ["id"] })
    if (row) await this.updateStripeEvents({ id, status, outcome: outcome.slice(0, 500), processed_at: new Date() })
  }
}

export default StripeCollectModuleService
