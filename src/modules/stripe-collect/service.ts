import type { Context } from "@medusajs/framework/types"
import {
  generateEntityId,
  InjectManager,
  InjectTransactionManager,
  MedusaContext,
  MedusaError,
  MathBN,
  MedusaService,
} from "@medusajs/framework/utils"
import Activity from "./models/activity"
import Invoice from "./models/invoice"
import InvoiceSequence from "./models/invoice-sequence"
import PaymentAttempt from "./models/payment-attempt"
import PaymentLink from "./models/payment-link"
import StripeConnection from "./models/stripe-connection"
import StripeEvent from "./models/stripe-event"
import MoneyOut from "./models/money-out"
import Dispute from "./models/dispute"
import RefundRequest from "./models/refund-request"
import SettingsChange from "./models/settings-change"
import { attemptChange } from "./attempt-change"
import { invoiceNumber, invoiceSeries, type IssueInvoice } from "./invoice-number"
import { insertChargeAttempt, knexOf, updateAttempt, type PaymentAttemptRecord } from "./ledger-statements"
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

/** How a verified Stripe event stands: new, seen and finished, or seen but not finished (handle it again). */
export type StripeEventReceipt = { id: string; handled: boolean }

export type StripeEventArrival = {
  event_id: string
  type: string
  account: string | null
  object_id: string | null
  received_at: Date
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
  MoneyOut,
  Dispute,
  RefundRequest,
  Invoice,
  InvoiceSequence,
  SettingsChange,
}) {
  // ---------------------------------------------------------------- ledger: writing attempts

  /**
   * Writes an admin charge's attempt (and the order's "waiting for Stripe" line) before Stripe is called.
   * A retry of an attempt whose answer was lost (same key) takes the attempt up again instead.
   */
  @InjectManager()
  async beginChargeAttempt(input: BeginChargeAttempt, @MedusaContext() sharedContext: Context = {}): Promise<PaymentAttemptRecord> {
    // Only a request's own key can come again (a retry); a charge without one has a fresh random key.
    const [existing] = input.request_key
      ? await this.listPaymentAttempts({ attempt_key: input.attempt_key }, { take: 1 }, sharedContext)
      : []
    if (existing) {
      if (!["lost", "not_charged", "failed"].includes(existing.status)) {
        throw new MedusaError(MedusaError.Types.CONFLICT, `Charge attempt ${existing.id} is ${existing.status}; it cannot be tried again`)
      }
      const retried = { status: "pending" as const, failure_code: null, decline_code: null, message: null }
      await updateAttempt(
        knexOf(sharedContext),
        existing.id,
        retried,
        existing.activity_id
          ? { id: existing.activity_id, fields: { ...retried, status: "pending", message: "Waiting for Stripe's answer" } }
          : undefined
      )
      return { ...existing, ...retried }
    }
    return insertChargeAttempt(knexOf(sharedContext), input)
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
   * attempt changes state (attempt-change.ts says what changes). Recorded, declined, failed, not charged
   * and expired are final. One statement, except a link payment's first activity line.
   */
  @InjectManager()
  async settleAttempt(
    id: string,
    outcome: AttemptOutcome,
    /** The attempt as the caller read it under the order's lock, when it has it (saves reading it again). */
    current?: PaymentAttemptRecord,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<PaymentAttemptRecord> {
    const attempt = current?.id === id ? current : await this.retrievePaymentAttempt(id, {}, sharedContext)
    if (attempt.status === "recorded" && outcome.status !== "recorded") {
      throw new MedusaError(MedusaError.Types.CONFLICT, `Payment attempt ${id} is recorded already`)
    }
    const change = attemptChange(attempt, outcome, new Date())
    if (change.newLine) return this.settleWithNewLine_(attempt.id, change.attempt, change.newLine, sharedContext)
    const line = attempt.activity_id && change.line ? { id: attempt.activity_id, fields: change.line } : undefined
    await updateAttempt(knexOf(sharedContext), id, change.attempt, line)
    return { ...attempt, ...change.attempt, updated_at: new Date() }
  }

  /** A link payment's activity line is written when it is paid, with the attempt's change, in one transaction. */
  @InjectTransactionManager()
  protected async settleWithNewLine_(
    id: string,
    fields: Partial<PaymentAttemptRecord>,
    newLine: Parameters<StripeCollectModuleService["createActivities"]>[0][number],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<PaymentAttemptRecord> {
    const [line] = await this.createActivities([newLine], sharedContext)
    return this.updatePaymentAttempts({ id, ...fields, activity_id: line.id }, sharedContext)
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
        // A bank debit settles days after its Checkout: it is asked about until it does, however old.
        ...(filter.created_after ? { $or: [{ created_at: { $gte: filter.created_after } }, { status: "processing" as const }] } : {}),
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
    const inserted = await knexOf(sharedContext).raw<{ rows: { id: string }[] }>(
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

  /** When each of these event types last arrived (webhook or reconciliation) and how many are kept (30 days). */
  @InjectManager()
  async stripeEventsSeen(
    types: readonly string[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<Array<{ type: string; last_received_at: Date; count: number }>> {
    if (!types.length) return []
    const seen = await knexOf(sharedContext).raw<{ rows: Array<{ type: string; last_received_at: Date; count: number }> }>(
      `select type, max(received_at) as last_received_at, count(*)::int as count
       from stripe_collect_stripe_event where deleted_at is null and type = any(?) group by type`,
      [types as string[]]
    )
    return seen.rows
  }

  /** Writes how an event's handling ended; "failed" leaves it to be handled again on redelivery. */
  async finishStripeEvent(id: string, status: "processed" | "ignored" | "failed", outcome: string) {
    // The row may be gone (pruned, or a test's reset database): the event's handling stands either way.
    const [row] = await this.listStripeEvents({ id }, { take: 1, select: ["id"] })
    if (row) await this.updateStripeEvents({ id, status, outcome: outcome.slice(0, 500), processed_at: new Date() })
  }

  // ---------------------------------------------------------------- payment links

  /**
   * The customer opened the link: "sent" becomes "viewed", and nothing else moves. One conditional
   * statement, so a payment or cancel landing between the page's read and this write is never undone.
   */
  @InjectManager()
  async markLinkViewed(id: string, at: Date = new Date(), @MedusaContext() sharedContext: Context = {}): Promise<boolean> {
    const changed = await knexOf(sharedContext)("stripe_collect_payment_link")
      .where({ id, status: "sent" })
      .whereNull("deleted_at")
      .update({ status: "viewed", viewed_at: at, updated_at: at })
    return Number(changed) > 0
  }

  /**
   * Takes the store-calendar day for a reminder of an open link: one conditional statement, so the job on two
   * processes (or the job and a press of Send reminder) never email twice a day. `byHand` takes it even when the
   * day is taken already (an admin's explicit press), still only on an open link. Answers the day it had before,
   * or false when the link is not open (or, for the job, had its reminder today).
   */
  @InjectManager()
  async claimReminderDay(
    id: string,
    today: string,
    byHand = false,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ claimed: true; previous: string | null } | { claimed: false }> {
    const knex = knexOf(sharedContext)
    const [before] = await knex("stripe_collect_payment_link").where({ id }).whereNull("deleted_at").select("last_reminder_on")
    if (!before) return { claimed: false }
    const query = knex("stripe_collect_payment_link").where({ id }).whereIn("status", ["sent", "viewed"]).whereNull("deleted_at")
    if (!byHand) query.andWhere((q) => q.whereNull("last_reminder_on").orWhereNot("last_reminder_on", today))
    const changed = await query.update({ last_reminder_on: today, updated_at: new Date() })
    return Number(changed) > 0 ? { claimed: true, previous: before.last_reminder_on ?? null } : { claimed: false }
  }

  // ---------------------------------------------------------------- invoices

  /** The order's invoice as it stands (its latest version, void included), or null before one is issued. */
  async currentInvoice(orderId: string, @MedusaContext() sharedContext: Context = {}) {
    const [latest] = await this.listInvoices({ order_id: orderId }, { take: 1, order: { version: "DESC" } }, sharedContext)
    return latest ?? null
  }

  /**
   * The order's invoice: the one it has, else a new one numbered from its series in this transaction. The
   * series row is locked by the increment until the invoice is written, so concurrent issues queue, and a
   * rolled-back issue takes its number back with it: never skipped, never reused.
   */
  @InjectTransactionManager()
  async issueInvoice(input: IssueInvoice, @MedusaContext() sharedContext: Context = {}) {
    const existing = await this.currentInvoice(input.order_id, sharedContext)
    if (existing) return existing
    const knex = knexOf(sharedContext)
    const { rows } = await knex.raw<{ rows: { last_number: number }[] }>(
      `insert into "stripe_collect_invoice_sequence" ("id", "series", "last_number") values (?, ?, 1)
       on conflict ("series") where "deleted_at" is null
       do update set "last_number" = "stripe_collect_invoice_sequence"."last_number" + 1, "updated_at" = now()
       returning "last_number"`,
      [generateEntityId(undefined, "scinvseq"), invoiceSeries(input.store_id, input.prefix)]
    )
    const [invoice] = await this.createInvoices(
      [
        {
          order_id: input.order_id,
          store_id: input.store_id,
          number: invoiceNumber(input.prefix, rows[0].last_number),
          version: 1,
          status: "issued",
          order_total: input.order_total,
          currency_code: input.currency_code,
          issued_at: input.issued_at ?? new Date(),
          terms: input.terms ?? null,
          due_date: input.due_date ?? null,
        },
      ],
      sharedContext
    )
    return invoice
  }

  /**
   * A payment link and its order's invoice in one transaction: the order's first link issues the invoice
   * (numbered from its series), later links send the same one. Either both are written or neither.
   */
  @InjectTransactionManager()
  async createLinkWithInvoice(
    link: Parameters<StripeCollectModuleService["createPaymentLinks"]>[0][number],
    invoice: IssueInvoice,
    @MedusaContext() sharedContext: Context = {}
  ) {
    const issued = await this.issueInvoice(invoice, sharedContext)
    const [created] = await this.createPaymentLinks([link], sharedContext)
    return { link: created, invoice: issued }
  }

  /**
   * The order's total changed (an order edit): a new version under the same number, the old one superseded.
   * Same total, a void invoice, or none yet: nothing changes.
   */
  @InjectTransactionManager()
  async reviseInvoice(orderId: string, orderTotal: number, @MedusaContext() sharedContext: Context = {}) {
    const current = await this.currentInvoice(orderId, sharedContext)
    if (!current || current.status !== "issued" || MathBN.eq(current.order_total, orderTotal)) return current
    const now = new Date()
    await this.updateInvoices({ id: current.id, status: "superseded", superseded_at: now }, sharedContext)
    const [next] = await this.createInvoices(
      [
        {
          order_id: orderId,
          store_id: current.store_id,
          number: current.number,
          version: current.version + 1,
          status: "issued",
          order_total: orderTotal,
          currency_code: current.currency_code,
          issued_at: now,
          terms: current.terms,
          due_date: current.due_date,
        },
      ],
      sharedContext
    )
    return next
  }

  /** The order was canceled: its invoice is void and keeps its number. */
  @InjectTransactionManager()
  async voidInvoice(orderId: string, @MedusaContext() sharedContext: Context = {}) {
    const current = await this.currentInvoice(orderId, sharedContext)
    if (!current || current.status !== "issued") return current
    return this.updateInvoices({ id: current.id, status: "void", voided_at: new Date() }, sharedContext)
  }
}

export default StripeCollectModuleService
