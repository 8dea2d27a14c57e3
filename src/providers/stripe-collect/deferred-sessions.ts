import { PaymentSessionStatus } from "@medusajs/framework/utils"
import type { GetPaymentStatusOutput, InitiatePaymentOutput, UpdatePaymentOutput } from "@medusajs/framework/types"
import type { NewSession } from "./new-session"
import type { SessionDataReader } from "./session-data"

/**
 * Deferred sessions (payment links, `context.deferred`): the session lives in Medusa only. The plugin's
 * link code owns the Checkout Sessions and its ledger decides which Stripe payment belongs to which
 * link, so the provider never calls Stripe for a deferred session and never reports it paid.
 */

export function deferredSession(session: NewSession): InitiatePaymentOutput {
  return { id: session.data.session_id, status: PaymentSessionStatus.PENDING_AUTHORIZATION, data: { ...session.data } }
}

/** Authorize and status: still waiting, whatever is asked. */
export function deferredStatus(data: SessionDataReader): GetPaymentStatusOutput {
  return { status: PaymentSessionStatus.PENDING_AUTHORIZATION, data: data.raw }
}

/** The link's amount follows its collection; nothing else changes. */
export function deferredAmountChange(data: SessionDataReader, amount: number, currency: string): UpdatePaymentOutput {
  return { status: PaymentSessionStatus.PENDING_AUTHORIZATION, data: { ...data.raw, amount, currency } }
}
