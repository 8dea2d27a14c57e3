// Contract: refunds that are pending or fail later, and disputes opened by Stripe's dispute test cards, with
// their events. Against real Stripe these take seconds to minutes, so the suite polls.
import type Stripe from "stripe"
import { AGAINST_STRIPE, cardIntent, failure, itSandboxOnly, useContractTarget } from "./helpers/contract"

const target = useContractTarget()
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = AGAINST_STRIPE ? 180_000 : 10_000): Promise<T> {
  const end = Date.now() + timeoutMs
  for (;;) {
    const value = await read()
    if (done(value) || Date.now() > end) return value
    await sleep(AGAINST_STRIPE ? 3000 : 200)
  }
}

const paid = (payment_method: string, amount = 5000) =>
  target().stripe.paymentIntents.create(cardIntent({ amount, payment_method, confirm: true }))

async function eventTypes(objectId: string): Promise<string[]> {
  const events = await target().stripe.events.list({ limit: 100 })
  return events.data
    .filter((e) => (e.data.object as { id?: string }).id === objectId)
    .map((e) => e.type)
    .reverse()
}

jest.setTimeout(AGAINST_STRIPE ? 600_000 : 30_000)

describe("Refunds in every state", () => {
  it("pm_card_pendingRefund: the refund is pending, then succeeds", async () => {
    const { stripe } = target()
    const intent = await paid("pm_card_pendingRefund")
    const refund = await stripe.refunds.create({ payment_intent: intent.id, amount: 1000 })
    expect(refund.status).toBe("pending")
    const later = await until(
      () => stripe.refunds.retrieve(refund.id),
      (r) => r.status === "succeeded"
    )
    expect(later.status).toBe("succeeded")
    expect(
      await until(
        () => eventTypes(refund.id),
        (types) => types.includes("refund.updated")
      )
    ).toEqual(expect.arrayContaining(["refund.created", "refund.updated"]))
  })

  it("pm_card_refundFail: the refund succeeds, then fails, and the charge is refundable again", async () => {
    const { stripe } = target()
    const intent = await paid("pm_card_refundFail")
    const refund = await stripe.refunds.create({ payment_intent: intent.id, amount: 2000 })
    expect(refund.status).toBe("succeeded")
    const failed = await until(
      () => stripe.refunds.retrieve(refund.id),
      (r) => r.status === "failed"
    )
    expect(failed).toMatchObject({ status: "failed", failure_reason: expect.any(String) })
    const charge = await stripe.charges.retrieve(String(intent.latest_charge))
    expect(charge).toMatchObject({ amount_refunded: 0, refunded: false })
    expect(
      await until(
        () => eventTypes(refund.id),
        (types) => types.includes("refund.failed")
      )
    ).toEqual(expect.arrayContaining(["refund.created", "refund.updated", "refund.failed"]))
  })

  itSandboxOnly("a pending refund can be canceled, and the control API settles a refund at once", async () => {
    const { stripe } = target()
    const intent = await paid("pm_card_pendingRefund")
    const refund = await stripe.refunds.create({ payment_intent: intent.id, amount: 1000 })
    expect((await stripe.refunds.cancel(refund.id)).status).toBe("canceled")

    const other = await stripe.refunds.create({ payment_intent: intent.id, amount: 500 })
    const settled = await fetch(`${target().apiBase}/_sandbox/refunds/${other.id}/settle`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ status: "failed" }),
    })
    expect(settled.status).toBe(200)
    expect((await stripe.refunds.retrieve(other.id)).status).toBe("failed")
  })
})

describe("Disputes", () => {
  async function disputeOf(intent: Stripe.PaymentIntent): Promise<Stripe.Dispute | undefined> {
    const list = await target().stripe.disputes.list({ payment_intent: intent.id })
    return list.data[0]
  }

  it("pm_card_createDispute: the charge is disputed (fraudulent, needs_response) and its money withdrawn", async () => {
    const intent = await paid("pm_card_createDispute")
    const dispute = await until(
      () => disputeOf(intent),
      (d) => Boolean(d)
    )
    expect(dispute).toMatchObject({
      object: "dispute",
      amount: 5000,
      currency: "usd",
      reason: "fraudulent",
      status: "needs_response",
      charge: intent.latest_charge,
      payment_intent: intent.id,
    })
    expect(dispute!.evidence_details.due_by).toEqual(expect.any(Number))
    expect(dispute!.balance_transactions.map((t) => t.amount)).toEqual([-5000])
    expect(
      await until(
        () => eventTypes(dispute!.id),
        (t) => t.includes("charge.dispute.funds_withdrawn")
      )
    ).toEqual(expect.arrayContaining(["charge.dispute.created", "charge.dispute.funds_withdrawn"]))
    const charge = await target().stripe.charges.retrieve(String(intent.latest_charge))
    expect(charge.disputed).toBe(true)
  })

  it("pm_card_createDisputeInquiry: an inquiry (warning_needs_response) takes no money", async () => {
    const intent = await paid("pm_card_createDisputeInquiry")
    const dispute = await until(
      () => disputeOf(intent),
      (d) => Boolean(d)
    )
    expect(dispute).toMatchObject({ status: "warning_needs_response", balance_transactions: [] })
  })

  it("a charged-back payment cannot be refunded (charge_disputed), and nothing is refunded", async () => {
    const { stripe } = target()
    const intent = await paid("pm_card_createDispute")
    await until(
      () => disputeOf(intent),
      (d) => Boolean(d)
    )
    const error = await failure(() => stripe.refunds.create({ payment_intent: intent.id, amount: 1000 }))
    expect(error).toMatchObject({ type: "StripeInvalidRequestError", code: "charge_disputed", statusCode: 400 })
    expect(error.message).toMatch(/charged back/)
    expect((await stripe.refunds.list({ payment_intent: intent.id })).data).toHaveLength(0)
    expect((await stripe.charges.retrieve(String(intent.latest_charge))).amount_refunded).toBe(0)
  })

  it("a payment under an inquiry (warning_needs_response) can still be refunded", async () => {
    const { stripe } = target()
    const intent = await paid("pm_card_createDisputeInquiry")
    const dispute = await until(
      () => disputeOf(intent),
      (d) => Boolean(d)
    )
    expect(dispute?.is_charge_refundable).toBe(true)
    const refund = await stripe.refunds.create({ payment_intent: intent.id, amount: 1000 })
    expect(refund).toMatchObject({ amount: 1000, status: "succeeded" })
  })

  it("accepting a dispute (close) loses it", async () => {
    const intent = await paid("pm_card_createDispute")
    const dispute = await until(
      () => disputeOf(intent),
      (d) => Boolean(d)
    )
    const closed = await target().stripe.disputes.close(dispute!.id)
    expect(closed.status).toBe("lost")
  })

  itSandboxOnly("the control API opens a dispute on any charge and moves it: lost, then won on appeal with the money back", async () => {
    const { stripe, apiBase } = target()
    const intent = await paid("pm_card_visa", 3000)
    const control = async (path: string, body: Record<string, unknown>) => {
      const answer = await fetch(`${apiBase}/_sandbox${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      })
      expect(answer.status).toBe(200)
      return (await answer.json()) as Stripe.Dispute
    }
    const opened = await control("/disputes", { payment_intent: intent.id, reason: "product_not_received" })
    expect(opened).toMatchObject({ status: "needs_response", reason: "product_not_received", amount: 3000 })
    await control(`/disputes/${opened.id}/status`, { status: "under_review" })
    await control(`/disputes/${opened.id}/status`, { status: "lost" })
    const won = await control(`/disputes/${opened.id}/status`, { status: "won" })
    expect(won.balance_transactions.map((t) => t.amount)).toEqual([-3000, 3000])
    expect(await eventTypes(opened.id)).toEqual([
      "charge.dispute.created",
      "charge.dispute.funds_withdrawn",
      "charge.dispute.updated",
      "charge.dispute.updated",
      "charge.dispute.closed",
      "charge.dispute.updated",
      "charge.dispute.funds_reinstated",
      "charge.dispute.closed",
    ])
    expect((await stripe.disputes.retrieve(opened.id)).status).toBe("won")
  })
})
