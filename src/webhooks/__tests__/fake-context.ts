import type Stripe from "stripe"
import type { CheckoutSessionRef, PaymentIntentRef, StripeRecordingResult } from "../../ledger/record-from-stripe"
import type { StorefrontSession, StripeEventContext } from "../types"

/** A handlers' context whose ledger answers what the test says and which records every call. */
export function fakeContext(
  options: {
    ledger?: StripeRecordingResult | Error
    sessions?: StorefrontSession[]
  } = {}
) {
  const calls = {
    recordPaymentIntent: [] as PaymentIntentRef[],
    recordCheckoutSession: [] as CheckoutSessionRef[],
    recordRefund: [] as Array<{ refund_id: string; account: string | undefined }>,
    recordDispute: [] as Array<{ dispute_id: string; account: string | undefined }>,
    processPayment: [] as unknown[],
    finished: [] as Array<{ id: string; status: string; outcome: string }>,
  }
  const answer = async (): Promise<StripeRecordingResult> => {
    const ledger = options.ledger ?? "not_ours"
    if (ledger instanceof Error) throw ledger
    return ledger
  }
  const context = {
    ledger: {
      recordPaymentIntent: async (ref) => {
        calls.recordPaymentIntent.push(ref)
        return answer()
      },
      recordCheckoutSession: async (ref) => {
        calls.recordCheckoutSession.push(ref)
        return answer()
      },
      recordRefund: async (ref) => {
        calls.recordRefund.push(ref)
        const ledger = options.ledger ?? "not_ours"
        if (ledger instanceof Error) throw ledger
        return ledger === "recorded" || ledger === "already_recorded" ? ledger : "not_ours"
      },
      recordDispute: async (ref) => {
        calls.recordDispute.push(ref)
        const ledger = options.ledger ?? "not_ours"
        if (ledger instanceof Error) throw ledger
        return ledger === "recorded" ? "opened" : "not_ours"
      },
    },
    storefront: {
      findSession: async (id) => (options.sessions ?? []).find((s) => s.id === id),
      processPayment: async (action) => {
        calls.processPayment.push(action)
      },
    },
    events: {
      finishStripeEvent: async (id, status, outcome) => {
        calls.finished.push({ id, status, outcome })
      },
    },
  } satisfies StripeEventContext
  return { context, calls }
}

let sequence = 0

/** A Stripe event as Stripe sends it, about `object`. */
export function stripeEvent(type: string, object: Record<string, unknown>, account?: string): Stripe.Event {
  sequence++
  const event = {
    id: `evt_unit_${sequence}`,
    object: "event",
    api_version: "2026-10-28.endive",
    created: 1_790_000_000,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
    ...(account ? { account } : {}),
  }
  // The fixture is built from plain JSON, as Stripe's body is; the handlers narrow it by `type`.
  return JSON.parse(JSON.stringify(event))
}

export function paymentIntent(fields: Record<string, unknown> = {}) {
  return {
    id: "pi_unit",
    object: "payment_intent",
    amount: 4000,
    amount_capturable: 0,
    amount_received: 4000,
    currency: "usd",
    status: "succeeded",
    metadata: {},
    ...fields,
  }
}
