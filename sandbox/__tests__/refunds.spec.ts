// Contract: refunds — full, partial, several, over-refund rejected, already refunded, and what the charge shows.
import { cardIntent, failure, useContractTarget } from "./helpers/contract"

const target = useContractTarget()

async function paidIntent(amount = 5000) {
  return target().stripe.paymentIntents.create(cardIntent({ amount, payment_method: "pm_card_visa", confirm: true }))
}

describe("Refunds", () => {
  it("refunds a payment in full by PaymentIntent", async () => {
    const { stripe } = target()
    const intent = await paidIntent()
    const refund = await stripe.refunds.create({
      payment_intent: intent.id,
      reason: "requested_by_customer",
      metadata: { order_id: "o_9" },
    })
    expect(refund).toMatchObject({
      object: "refund",
      amount: 5000,
      currency: "usd",
      status: "succeeded",
      payment_intent: intent.id,
      charge: intent.latest_charge,
      reason: "requested_by_customer",
      metadata: { order_id: "o_9" },
    })
    expect(refund.id).toMatch(/^re_/)
    const charge = await stripe.charges.retrieve(String(intent.latest_charge))
    expect(charge).toMatchObject({ amount_refunded: 5000, refunded: true })
  })

  it("refunds in several parts and rejects refunding more than what is left", async () => {
    const { stripe } = target()
    const intent = await paidIntent(5000)
    await stripe.refunds.create({ payment_intent: intent.id, amount: 1000 })
    await stripe.refunds.create({ charge: String(intent.latest_charge), amount: 1500 })
    let charge = await stripe.charges.retrieve(String(intent.latest_charge))
    expect(charge).toMatchObject({ amount_refunded: 2500, refunded: false })

    const over = await failure(() => stripe.refunds.create({ payment_intent: intent.id, amount: 2501 }))
    expect(over.statusCode).toBe(400)
    expect(over.type).toBe("StripeInvalidRequestError")
    expect(over.message).toMatch(/greater than unrefunded amount on charge/)

    await stripe.refunds.create({ payment_intent: intent.id })
    charge = await stripe.charges.retrieve(String(intent.latest_charge), { expand: ["refunds"] })
    expect(charge).toMatchObject({ amount_refunded: 5000, refunded: true })
    expect(charge.refunds?.data.map((r) => r.amount).sort()).toEqual([1000, 1500, 2500])

    const again = await failure(() => stripe.refunds.create({ payment_intent: intent.id, amount: 1 }))
    expect(again.code).toBe("charge_already_refunded")

    const listed = await stripe.refunds.list({ payment_intent: intent.id })
    expect(listed.data).toHaveLength(3)
  })

  it("refunds only what a partial capture took", async () => {
    const { stripe } = target()
    const authorized = await stripe.paymentIntents.create(
      cardIntent({ amount: 5000, capture_method: "manual", payment_method: "pm_card_visa", confirm: true })
    )
    await stripe.paymentIntents.capture(authorized.id, { amount_to_capture: 3000 })
    const over = await failure(() => stripe.refunds.create({ payment_intent: authorized.id, amount: 3001 }))
    expect(over.statusCode).toBe(400)
    const refund = await stripe.refunds.create({ payment_intent: authorized.id })
    expect(refund.amount).toBe(3000)
  })

  it("refuses to refund a payment that has not succeeded", async () => {
    const { stripe } = target()
    const pending = await stripe.paymentIntents.create(cardIntent())
    const error = await failure(() => stripe.refunds.create({ payment_intent: pending.id }))
    expect(error.statusCode).toBe(400)
    const missing = await failure(() => stripe.refunds.create({ payment_intent: "pi_3DoesNotExist00000000000" }))
    expect(missing.statusCode).toBe(404)
    expect(missing.code).toBe("resource_missing")
  })

  it("retrieves and updates a refund", async () => {
    const { stripe } = target()
    const intent = await paidIntent()
    const refund = await stripe.refunds.create({ payment_intent: intent.id, amount: 700 })
    const updated = await stripe.refunds.update(refund.id, { metadata: { note: "damaged" } })
    expect(updated.metadata).toEqual({ note: "damaged" })
    const retrieved = await stripe.refunds.retrieve(refund.id, { expand: ["charge"] })
    expect(retrieved.amount).toBe(700)
    expect(retrieved.charge).toMatchObject({ id: intent.latest_charge, object: "charge" })
  })
})
