// Settles a bank debit that is `processing` (SEPA Direct Debit, ACH) now, as Stripe's test accounts do after a delay.
import { settleBankDebit } from "../stripe/resources/checkout-methods"
import { findPaymentIntent } from "../stripe/resources/shared"
import type { SandboxServices } from "../services"
import type Stripe from "stripe"

export type SettleOutcome = "succeeded" | "failed"

/** Checks a control-API body: `{ outcome? }`; without one the test account decides. */
export function settleOutcomeFrom(body: Record<string, unknown>): SettleOutcome | undefined {
  const { outcome } = body
  if (outcome === undefined || outcome === null) return undefined
  if (outcome !== "succeeded" && outcome !== "failed") throw new Error('outcome must be "succeeded" or "failed" (or left out)')
  return outcome
}

/** The bank's answer for one processing PaymentIntent, on whichever account owns it. */
export function settlePayment(services: SandboxServices, intentId: string, outcome?: SettleOutcome): Stripe.PaymentIntent {
  const owner = services.core.state.owners.get(intentId)
  if (!owner) throw new Error(`No such PaymentIntent: ${intentId}`)
  const scope = services.scopeFor(owner)
  return settleBankDebit(scope, findPaymentIntent(scope, intentId, "intent"), outcome)
}
