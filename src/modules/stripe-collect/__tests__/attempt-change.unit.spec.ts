import { attemptChange } from "../attempt-change"
import type { PaymentAttemptRecord } from "../ledger-statements"

const now = new Date("2026-12-02T10:00:00Z")

function attempt(overrides: Partial<PaymentAttemptRecord> = {}): PaymentAttemptRecord {
  return {
    id: "scatt_1",
    flow: "admin_charge",
    order_id: "order_1",
    payment_link_id: null,
    amount: 30,
    currency_code: "usd",
    stripe_account: null,
    attempt_key: "stripe-collect-charge-order_1-k",
    request_key: "k",
    status: "pending",
    payment_intent_id: null,
    checkout_session_id: null,
    payment_id: null,
    payment_collection_id: null,
    activity_id: "scact_1",
    failure_code: null,
    decline_code: null,
    message: null,
    livemode: false,
    payable_until: null,
    settled_at: null,
    created_at: now,
    updated_at: now,
    deleted_at: null,
    ...overrides,
  } as PaymentAttemptRecord
}

const recorded = (source: "charge" | "webhook" | "reconciliation") =>
  ({
    status: "recorded",
    payment_intent_id: "pi_1",
    payment_id: "pay_1",
    payment_collection_id: "paycol_1",
    card_brand: "visa",
    card_last4: "4242",
    livemode: false,
    source,
  }) as const

describe("attemptChange: what each of Stripe's answers writes on an attempt", () => {
  it("a recorded charge completes its own activity line; recovered ones say so", () => {
    const byCharge = attemptChange(attempt(), recorded("charge"), now)
    expect(byCharge.attempt).toMatchObject({ status: "recorded", payment_id: "pay_1", settled_at: now })
    expect(byCharge.line).toMatchObject({ status: "succeeded", operation: "charge_card", card_last4: "4242", message: null })
    expect(byCharge.newLine).toBeNull()

    const byWebhook = attemptChange(attempt(), recorded("webhook"), now)
    expect(byWebhook.line).toMatchObject({ operation: "charge_card_recovered_webhook", message: expect.stringMatching(/answer was lost/) })
  })

  it("a link payment gets its first activity line when it is paid", () => {
    const link = attempt({ flow: "payment_link", activity_id: null, payment_link_id: "paylink_1", request_key: null })
    const change = attemptChange(link, recorded("reconciliation"), now)
    expect(change.line).toBeNull()
    expect(change.newLine).toMatchObject({
      kind: "payment_link",
      status: "paid",
      operation: "payment_link_paid_reconciled",
      amount: 30,
      payment_link_id: "paylink_1",
    })
  })

  it("a decline is final and replayable; an unknown outcome and a refusal are not", () => {
    const declined = attemptChange(
      attempt(),
      {
        status: "declined",
        payment_intent_id: "pi_2",
        failure_code: "card_declined",
        decline_code: "insufficient_funds",
        message: "Insufficient funds",
      },
      now
    )
    expect(declined.attempt).toMatchObject({ status: "declined", settled_at: now })
    expect(declined.line).toMatchObject({ status: "failed", decline_code: "insufficient_funds" })
    expect(declined.line).not.toHaveProperty("idempotency_key")

    const lost = attemptChange(attempt(), { status: "lost", message: "timeout" }, now)
    expect(lost.attempt).toMatchObject({ status: "lost", failure_code: "stripe_outcome_unknown" })
    expect(lost.attempt).not.toHaveProperty("settled_at")

    const refused = attemptChange(attempt(), { status: "failed", failure_code: "rate_limited", message: "429" }, now)
    expect(refused.line).toMatchObject({ idempotency_key: null })
    expect(attemptChange(attempt(), { status: "not_charged" }, now).line).toMatchObject({
      failure_code: "not_charged",
      idempotency_key: null,
    })
  })

  it("money taken but not yet recorded keeps Stripe's id for recovery; a link Checkout opens and expires", () => {
    expect(attemptChange(attempt(), { status: "succeeded", payment_intent_id: "pi_3", livemode: false }, now).attempt).toEqual({
      status: "succeeded",
      payment_intent_id: "pi_3",
      livemode: false,
    })
    const link = attempt({ flow: "payment_link", activity_id: null })
    const until = new Date("2026-12-02T10:45:00Z")
    expect(attemptChange(link, { status: "open", checkout_session_id: "cs_1", payable_until: until }, now).attempt).toEqual({
      status: "open",
      checkout_session_id: "cs_1",
      payable_until: until,
    })
    expect(attemptChange(link, { status: "expired" }, now)).toEqual({
      attempt: { status: "expired", settled_at: now },
      line: null,
      newLine: null,
    })
  })
})

describe("a link paid by a bank debit", () => {
  const link = attempt({ flow: "payment_link", payment_link_id: "paylink_1", activity_id: null, status: "open" })
  const processing = { status: "processing", payment_intent_id: "pi_2", livemode: false, method: "SEPA Direct Debit •••• 3000" } as const

  it("gets its activity line when it starts processing, naming the method; nothing is settled yet", () => {
    const change = attemptChange(link, processing, now)
    expect(change.attempt).toEqual({
      status: "processing",
      payment_intent_id: "pi_2",
      livemode: false,
      message: "SEPA Direct Debit •••• 3000",
    })
    expect(change.attempt).not.toHaveProperty("settled_at")
    expect(change.newLine).toMatchObject({
      kind: "payment_link",
      status: "processing",
      amount: 30,
      payment_link_id: "paylink_1",
      payment_method: "SEPA Direct Debit •••• 3000",
    })
  })

  it("turns that line into the payment when the bank pays, or into the failure when it refuses", () => {
    const held = { ...link, status: "processing" as const, activity_id: "scact_9" }
    const paid = attemptChange(
      held,
      { ...recorded("webhook"), method: "SEPA Direct Debit •••• 3000", card_brand: null, card_last4: null },
      now
    )
    expect(paid.newLine).toBeNull()
    expect(paid.line).toMatchObject({ status: "paid", payment_method: "SEPA Direct Debit •••• 3000" })
    const refused = attemptChange(
      held,
      { status: "failed", failure_code: "insufficient_funds", message: "refused", payment_intent_id: "pi_2" },
      now
    )
    expect(refused.attempt).toMatchObject({ status: "failed", failure_code: "insufficient_funds", settled_at: now })
    expect(refused.line).toMatchObject({ status: "failed", failure_code: "insufficient_funds" })
  })
})
