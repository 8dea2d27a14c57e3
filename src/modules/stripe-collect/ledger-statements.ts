import type { Context, InferTypeOf } from "@medusajs/framework/types"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { BigNumber, generateEntityId } from "@medusajs/framework/utils"
import type PaymentAttempt from "./models/payment-attempt"
import type { BeginChargeAttempt } from "./ledger"

/**
 * The ledger's two writes on a charge's hot path, each one SQL statement (an attempt and its activity
 * line together, atomic without a transaction around them): a charge's cost is counted in statements,
 * and the ORM's create and update would spend two to five on each.
 */

export type PaymentAttemptRecord = InferTypeOf<typeof PaymentAttempt>

type ManagerWithKnex = { getKnex(): Knex; getTransactionContext?(): Knex | undefined }

/** The module's database connection: the caller's transaction when there is one. */
export function knexOf(sharedContext: Context): Knex {
  const manager = (sharedContext.transactionManager ?? sharedContext.manager) as ManagerWithKnex | undefined
  if (!manager) throw new Error("The stripe-collect module's database manager is missing from the context")
  return manager.getTransactionContext?.() ?? manager.getKnex()
}

type AttemptRow = Omit<PaymentAttemptRecord, "amount"> & { amount: string | number }

// Column names are the code's own; values always travel as bindings.
const COLUMN = /^[a-z][a-z0-9_]*$/

type Binding = Knex.Value

function assignments(fields: Record<string, unknown>): { sql: string; bindings: Binding[] } {
  const columns = Object.keys(fields)
  for (const column of columns) {
    if (!COLUMN.test(column)) throw new Error(`Not a ledger column: ${column}`)
  }
  return {
    sql: [...columns.map((c) => `"${c}" = ?`), `"updated_at" = now()`].join(", "),
    bindings: columns.map((c) => binding(fields[c])),
  }
}

/** A column's new value as the driver takes it (our columns: text, numbers, booleans, timestamps, null). */
function binding(value: unknown): Binding {
  if (value === undefined || value === null) return null
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean" || value instanceof Date) return value
  throw new Error(`Not a value the ledger writes: ${typeof value}`)
}

const rawAmount = (amount: number) => JSON.stringify(new BigNumber(amount).raw)

/** A charge's attempt and its "waiting for Stripe's answer" activity line, written in one statement. */
export async function insertChargeAttempt(knex: Knex, input: BeginChargeAttempt): Promise<PaymentAttemptRecord> {
  const { rows } = await knex.raw<{ rows: AttemptRow[] }>(
    `with activity as (
       insert into stripe_collect_activity
         (id, order_id, kind, status, operation, amount, raw_amount, currency_code, idempotency_key, attempt_key, message,
          card_entry, actor_id, consent_text)
       values (?, ?, 'charge', 'pending', 'charge_card', ?, ?, ?, ?, ?, 'Waiting for Stripe''s answer', ?, ?, ?)
       returning id
     )
     insert into stripe_collect_payment_attempt
       (id, flow, order_id, amount, raw_amount, currency_code, stripe_account, attempt_key, request_key, status, activity_id)
     select ?, 'admin_charge', ?, ?, ?, ?, ?, ?, ?, 'pending', activity.id from activity
     returning *`,
    [
      generateEntityId(undefined, "scact"),
      input.order_id,
      input.amount,
      rawAmount(input.amount),
      input.currency_code,
      input.request_key,
      input.attempt_key,
      input.card_entry ?? null,
      input.actor_id ?? null,
      input.consent ?? null,
      generateEntityId(undefined, "scatt"),
      input.order_id,
      input.amount,
      rawAmount(input.amount),
      input.currency_code,
      input.stripe_account,
      input.attempt_key,
      input.request_key,
    ]
  )
  return attemptRecord(rows[0])
}

/** Writes an attempt's new state and, when it has one, its activity line's, in one statement. */
export async function updateAttempt(
  knex: Knex,
  id: string,
  fields: Record<string, unknown>,
  activity?: { id: string; fields: Record<string, unknown> }
): Promise<void> {
  const attempt = assignments(fields)
  if (!activity) {
    await knex.raw(`update stripe_collect_payment_attempt set ${attempt.sql} where id = ?`, [...attempt.bindings, id])
    return
  }
  const line = assignments(activity.fields)
  await knex.raw(
    `with changed as (update stripe_collect_payment_attempt set ${attempt.sql} where id = ? returning id)
     update stripe_collect_activity set ${line.sql} where id = ? and exists (select 1 from changed)`,
    [...attempt.bindings, id, ...line.bindings, activity.id]
  )
}

function attemptRecord(row: AttemptRow | undefined): PaymentAttemptRecord {
  if (!row) throw new Error("The payment attempt was not written")
  return { ...row, amount: Number(row.amount) }
}
