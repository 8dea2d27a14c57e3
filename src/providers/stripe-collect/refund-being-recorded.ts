import type { MinorUnits } from "../../stripe/money"
import type { SessionDataReader } from "./session-data"

/**
 * The payment `data` key the plugin's server writes just before it runs Medusa's refund workflow to record
 * money that already left in Stripe (a refund made in Stripe's Dashboard, a lost dispute). Medusa's
 * workflow then calls refundPayment, which must not refund again: it sees this note and answers without
 * calling Stripe. A storefront cannot write it (a session's caller keys are answered null), and the note
 * names Stripe's object, the exact amount and a short deadline, so a later refund of the admin is never
 * mistaken for it.
 */
export const REFUND_BEING_RECORDED_KEY = "stripe_collect_recording_refund"

export type RefundBeingRecorded = {
  /** `re_...` or `dp_...`: Stripe's id of the money that left. */
  stripe_id: string
  amount: MinorUnits
  /** Epoch milliseconds after which the note is ignored (a recording that crashed half-way). */
  until: number
}

/** How long a note stays good: the recording runs within a second or two under the order's lock. */
export const REFUND_NOTE_LIFETIME_MS = 120_000

export function refundBeingRecorded(data: SessionDataReader, amount: MinorUnits, now = Date.now()): RefundBeingRecorded | undefined {
  const note = data.raw[REFUND_BEING_RECORDED_KEY]
  if (!note || typeof note !== "object") return undefined
  const { stripe_id, amount: noted, until } = note as Partial<RefundBeingRecorded>
  if (typeof stripe_id !== "string" || typeof noted !== "number" || typeof until !== "number") return undefined
  if (noted !== amount || until < now) return undefined
  return { stripe_id, amount: noted, until }
}
