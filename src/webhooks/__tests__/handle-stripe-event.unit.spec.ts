import { PaymentActions } from "@medusajs/framework/utils"
import { handleStripeEvent } from "../handle-stripe-event"
import type { StripeEventReceived } from "../stripe-event-received"
import { fakeContext, paymentIntent, stripeEvent } from "./fake-context"

const OUR_PROVIDER = "pp_stripe-collect_default"

function received(event: StripeEventReceived["event"]): StripeEventReceived {
  return { event, event_row_id: "scevt_1", received_at: "2026-12-02T00:00:00.000Z" }
}

/** A storefront PaymentIntent of our provider: server-written metadata naming its Medusa session. */
function storefrontIntent(fields: Record<string, unknown> = {}) {
  return paymentIntent({ id: "pi_store", metadata: { stripe_collect: "1", session_id: "payses_store" }, ...fields })
}

const storefrontSession = {
  id: "payses_store",
  provider_id: OUR_PROVIDER,
  data: { id: "pi_store", payment_intent_id: "pi_store", session_id: "payses_store" },
}

describe("handleStripeEvent: PaymentIntents go to the ledger first", () => {
  it("hands the ledger only ids from the verified event, and finishes the row with its answer", async () => {
    const { context, calls } = fakeContext({ ledger: "recorded" })
    const event = stripeEvent(
      "payment_intent.succeeded",
      paymentIntent({ metadata: { stripe_collect_attempt: "attempt_1", order_id: "order_someone_else" } }),
      "acct_shop"
    )

    const outcome = await handleStripeEvent(received(event), context)

    expect(outcome).toEqual({ status: "processed", outcome: "ledger: recorded" })
    expect(calls.recordPaymentIntent).toEqual([
      { payment_intent_id: "pi_unit", attempt_key: "attempt_1", account: "acct_shop", source: "webhook" },
    ])
    expect(calls.processPayment).toEqual([])
    expect(calls.finished).toEqual([{ id: "scevt_1", status: "processed", outcome: "ledger: recorded" }])
  })

  it("passes no attempt key and no account when the event has none", async () => {
    const { context, calls } = fakeContext({ ledger: "already_recorded" })
    await handleStripeEvent(received(stripeEvent("payment_intent.payment_failed", paymentIntent())), context)
    expect(calls.recordPaymentIntent).toEqual([{ payment_intent_id: "pi_unit", attempt_key: null, account: undefined, source: "webhook" }])
  })

  it("ignores a PaymentIntent the ledger finds mismatched, without Medusa's handling", async () => {
    const { context, calls } = fakeContext({ ledger: "mismatch", sessions: [storefrontSession] })
    const outcome = await handleStripeEvent(received(stripeEvent("payment_intent.succeeded", storefrontIntent())), context)
    expect(outcome.status).toBe("ignored")
    expect(calls.processPayment).toEqual([])
    expect(calls.finished[0]).toMatchObject({ status: "ignored" })
  })

  it("does not ask the ledger about PaymentIntent events that cannot change a record", async () => {
    const { context, calls } = fakeContext({ ledger: "recorded" })
    for (const type of ["payment_intent.created", "payment_intent.processing", "payment_intent.requires_action"]) {
      const outcome = await handleStripeEvent(received(stripeEvent(type, paymentIntent())), context)
      expect(outcome).toEqual({ status: "ignored", outcome: `${type}: nothing to record` })
    }
    expect(calls.recordPaymentIntent).toEqual([])
  })
})

describe("handleStripeEvent: a PaymentIntent no attempt claims", () => {
  it("runs Medusa's processPaymentWorkflow for a storefront session of our provider that saved this PaymentIntent", async () => {
    const { context, calls } = fakeContext({ ledger: "not_ours", sessions: [storefrontSession] })
    const outcome = await handleStripeEvent(received(stripeEvent("payment_intent.succeeded", storefrontIntent())), context)

    expect(outcome).toEqual({ status: "processed", outcome: `storefront payment session payses_store: ${PaymentActions.SUCCESSFUL}` })
    expect(calls.processPayment).toEqual([{ action: PaymentActions.SUCCESSFUL, data: { session_id: "payses_store", amount: 40 } }])
  })

  it("authorizes on amount_capturable_updated with the capturable amount", async () => {
    const { context, calls } = fakeContext({ ledger: "not_ours", sessions: [storefrontSession] })
    const intent = storefrontIntent({ status: "requires_capture", amount_capturable: 1999, amount_received: 0 })
    await handleStripeEvent(received(stripeEvent("payment_intent.amount_capturable_updated", intent)), context)
    expect(calls.processPayment).toEqual([{ action: PaymentActions.AUTHORIZED, data: { session_id: "payses_store", amount: 19.99 } }])
  })

  it("leaves a failed or canceled storefront payment to Medusa's other paths, as Medusa's own handler does", async () => {
    const { context, calls } = fakeContext({ ledger: "not_ours", sessions: [storefrontSession] })
    for (const type of ["payment_intent.payment_failed", "payment_intent.canceled"]) {
      const outcome = await handleStripeEvent(received(stripeEvent(type, storefrontIntent({ status: "canceled" }))), context)
      expect(outcome.status).toBe("ignored")
    }
    expect(calls.processPayment).toEqual([])
  })

  it.each([
    ["names no payment session", paymentIntent({ metadata: { stripe_collect: "1" } }), [storefrontSession]],
    [
      "names a payment session that does not exist",
      storefrontIntent({ metadata: { stripe_collect: "1", session_id: "payses_gone" } }),
      [storefrontSession],
    ],
    ["names another provider's session", storefrontIntent(), [{ ...storefrontSession, provider_id: "pp_stripe_stripe" }]],
    [
      "names a session of ours that saved another PaymentIntent",
      storefrontIntent(),
      [{ ...storefrontSession, data: { ...storefrontSession.data, payment_intent_id: "pi_other" } }],
    ],
    [
      "names a session of ours that saved no PaymentIntent (a deferred one)",
      storefrontIntent(),
      [{ ...storefrontSession, data: { deferred: true, payment_intent_id: null } }],
    ],
    [
      "carries the admin-charge flow and a real order in metadata, with no attempt behind it",
      paymentIntent({ metadata: { stripe_collect: "1", stripe_collect_flow: "admin_charge", order_id: "order_1" } }),
      [storefrontSession],
    ],
  ])("ignores one that %s", async (_, intent, sessions) => {
    const { context, calls } = fakeContext({ ledger: "not_ours", sessions })
    const outcome = await handleStripeEvent(received(stripeEvent("payment_intent.succeeded", intent)), context)
    expect(outcome.status).toBe("ignored")
    expect(outcome.outcome).toMatch(/not ours|no payment session/)
    expect(calls.processPayment).toEqual([])
    expect(calls.finished).toEqual([{ id: "scevt_1", status: "ignored", outcome: outcome.outcome }])
  })
})

describe("handleStripeEvent: Checkout Sessions belong to payment links", () => {
  const checkoutSession = {
    id: "cs_link",
    object: "checkout.session",
    amount_total: 4000,
    currency: "usd",
    payment_status: "paid",
    status: "complete",
    payment_intent: "pi_link",
    metadata: { stripe_collect: "1", session_id: "payses_store", payment_link_id: "plink_1" },
  }

  it("records through the ledger by the session's id", async () => {
    const { context, calls } = fakeContext({ ledger: "recorded" })
    const outcome = await handleStripeEvent(received(stripeEvent("checkout.session.completed", checkoutSession, "acct_shop")), context)
    expect(outcome).toEqual({ status: "processed", outcome: "ledger: recorded" })
    expect(calls.recordCheckoutSession).toEqual([{ checkout_session_id: "cs_link", account: "acct_shop", source: "webhook" }])
    expect(calls.recordPaymentIntent).toEqual([])
  })

  it("ignores a Checkout Session the ledger does not know, whatever its metadata names", async () => {
    const { context, calls } = fakeContext({ ledger: "not_ours", sessions: [storefrontSession] })
    const outcome = await handleStripeEvent(received(stripeEvent("checkout.session.completed", checkoutSession)), context)
    expect(outcome.status).toBe("ignored")
    expect(calls.processPayment).toEqual([])
  })

  it("settles expired and asynchronous outcomes through the ledger too", async () => {
    const { context, calls } = fakeContext({ ledger: "expired" })
    for (const type of ["checkout.session.expired", "checkout.session.async_payment_succeeded", "checkout.session.async_payment_failed"]) {
      await handleStripeEvent(received(stripeEvent(type, checkoutSession)), context)
    }
    expect(calls.recordCheckoutSession).toHaveLength(3)
  })
})

describe("handleStripeEvent: refunds", () => {
  it.each(["refund.created", "refund.updated", "refund.failed"])("hands %s to the ledger by Stripe's id and account only", async (type) => {
    const { context, calls } = fakeContext({ ledger: "recorded" })
    const outcome = await handleStripeEvent(
      received(stripeEvent(type, { id: "re_1", object: "refund", amount: 999_999, metadata: { order_id: "order_x" } }, "acct_1")),
      context
    )
    expect(outcome).toEqual({ status: "processed", outcome: "refund: recorded" })
    expect(calls.recordRefund).toEqual([{ refund_id: "re_1", account: "acct_1" }])
  })

  it("ignores a refund of a payment the ledger does not know, and refund events that change nothing", async () => {
    const { context, calls } = fakeContext({ ledger: "not_ours" })
    const outcome = await handleStripeEvent(received(stripeEvent("refund.created", { id: "re_2", object: "refund" })), context)
    expect(outcome.status).toBe("ignored")
    const other = await handleStripeEvent(received(stripeEvent("refund.deleted", { id: "re_3", object: "refund" })), context)
    expect(other).toEqual({ status: "ignored", outcome: "refund.deleted: nothing to record" })
    expect(calls.recordRefund).toEqual([{ refund_id: "re_2", account: undefined }])
  })
})

describe("handleStripeEvent: disputes", () => {
  it.each([
    "charge.dispute.created",
    "charge.dispute.updated",
    "charge.dispute.closed",
    "charge.dispute.funds_withdrawn",
    "charge.dispute.funds_reinstated",
  ])("hands %s to the ledger by Stripe's id and account only", async (type) => {
    const { context, calls } = fakeContext({ ledger: "recorded" })
    const outcome = await handleStripeEvent(
      received(stripeEvent(type, { id: "du_1", object: "dispute", status: "lost" }, "acct_1")),
      context
    )
    expect(outcome).toEqual({ status: "processed", outcome: "dispute: opened" })
    expect(calls.recordDispute).toEqual([{ dispute_id: "du_1", account: "acct_1" }])
  })
})

describe("handleStripeEvent: other objects and failures", () => {
  it.each([
    ["charge.succeeded", { id: "ch_1", object: "charge" }, "charge"],
    ["charge.refunded", { id: "ch_1", object: "charge" }, "charge"],
    ["account.updated", { id: "acct_1", object: "account" }, "account"],
  ])("ignores %s with a reason, asking nobody", async (type, object, objectType) => {
    const { context, calls } = fakeContext({ ledger: "recorded" })
    const outcome = await handleStripeEvent(received(stripeEvent(type, object)), context)
    expect(outcome).toEqual({ status: "ignored", outcome: `${objectType} events are not handled` })
    expect(calls.recordPaymentIntent).toEqual([])
    expect(calls.recordCheckoutSession).toEqual([])
    expect(calls.finished).toEqual([{ id: "scevt_1", status: "ignored", outcome: `${objectType} events are not handled` }])
  })

  it("marks the row failed and throws again when handling fails, so the event bus retries", async () => {
    const { context, calls } = fakeContext({ ledger: new Error("Timed-out acquiring lock") })
    await expect(handleStripeEvent(received(stripeEvent("payment_intent.succeeded", paymentIntent())), context)).rejects.toThrow(
      "Timed-out acquiring lock"
    )
    expect(calls.finished).toEqual([{ id: "scevt_1", status: "failed", outcome: "Timed-out acquiring lock" }])
  })
})
