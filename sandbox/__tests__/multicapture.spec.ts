// Contract: multicapture — several partial captures of one manual-capture authorization, as Stripe documents it.
import type Stripe from "stripe"
import { cardIntent, failure, itSandboxOnly, useContractTarget } from "./helpers/contract"

const target = useContractTarget()

const chargeOf = (intent: Stripe.PaymentIntent): Stripe.Charge => {
  if (!intent.latest_charge || typeof intent.latest_charge === "string") throw new Error("latest_charge was not expanded")
  return intent.latest_charge
}

/** A 100.00 USD card authorization that asks for multicapture. */
const multicaptureIntent = (params: Partial<Stripe.PaymentIntentCreateParams> = {}): Stripe.PaymentIntentCreateParams =>
  cardIntent({
    amount: 10000,
    capture_method: "manual",
    payment_method: "pm_card_visa",
    confirm: true,
    payment_method_options: { card: { request_multicapture: "if_available" } },
    expand: ["latest_charge"],
    ...params,
  })

/** Events about one PaymentIntent or its charge, oldest first, as `type` strings. */
async function eventTypesFor(stripe: Stripe, intent: Stripe.PaymentIntent, chargeId: string): Promise<Stripe.Event[]> {
  const events = await stripe.events.list({ limit: 100 })
  return events.data
    .filter((e) => {
      const object = e.data.object
      return "id" in object && (object.id === intent.id || object.id === chargeId)
    })
    .reverse()
}

// Multicapture is an IC+ feature; on a real test account without it, status is "unavailable", so these run on the sandbox only.
describe("multicapture", () => {
  itSandboxOnly("reports multicapture as available on the charge when requested on a manual capture", async () => {
    const { stripe } = target()
    const intent = await stripe.paymentIntents.create(multicaptureIntent())
    expect(intent.status).toBe("requires_capture")
    expect(intent.payment_method_options?.card?.request_multicapture).toBe("if_available")
    expect(chargeOf(intent).payment_method_details?.card?.multicapture).toEqual({ status: "available" })

    const plain = await stripe.paymentIntents.create(
      cardIntent({ capture_method: "manual", payment_method: "pm_card_visa", confirm: true, expand: ["latest_charge"] })
    )
    expect(chargeOf(plain).payment_method_details?.card?.multicapture).toBeUndefined()
  })

  itSandboxOnly("captures 30 with final_capture=false, then the remaining 70 as the final capture", async () => {
    const { stripe } = target()
    const intent = await stripe.paymentIntents.create(multicaptureIntent())
    const chargeId = chargeOf(intent).id

    const first = await stripe.paymentIntents.capture(intent.id, {
      amount_to_capture: 3000,
      final_capture: false,
      expand: ["latest_charge"],
    })
    expect(first).toMatchObject({ status: "requires_capture", amount: 10000, amount_capturable: 7000, amount_received: 3000 })
    expect(chargeOf(first)).toMatchObject({
      id: chargeId,
      captured: true,
      amount: 10000,
      amount_captured: 3000,
      amount_refunded: 0,
      refunded: false,
    })

    const over = await failure(() => stripe.paymentIntents.capture(intent.id, { amount_to_capture: 7001, final_capture: false }))
    expect(over.statusCode).toBe(400)
    expect(over.param).toBe("amount_to_capture")

    const second = await stripe.paymentIntents.capture(intent.id, { amount_to_capture: 7000, expand: ["latest_charge"] })
    expect(second).toMatchObject({ status: "succeeded", amount_capturable: 0, amount_received: 10000 })
    expect(chargeOf(second)).toMatchObject({ captured: true, amount_captured: 10000, amount_refunded: 0, refunded: false })

    const again = await failure(() => stripe.paymentIntents.capture(intent.id, { amount_to_capture: 1 }))
    expect(again.code).toBe("payment_intent_unexpected_state")

    const events = await eventTypesFor(stripe, intent, chargeId)
    expect(events.map((e) => e.type)).toEqual([
      "payment_intent.created",
      "charge.succeeded",
      "payment_intent.amount_capturable_updated",
      "charge.updated",
      "payment_intent.amount_capturable_updated",
      "charge.captured",
      "payment_intent.succeeded",
    ])
    const partial = events[4]
    expect(partial.data.object).toMatchObject({ amount_capturable: 7000, amount_received: 3000, status: "requires_capture" })
    expect(partial.data.previous_attributes).toEqual({ amount_capturable: 10000, amount_received: 0 })
    expect(events[3].data.object).toMatchObject({ amount_captured: 3000 })
    expect(events[3].data.previous_attributes).toMatchObject({ amount_captured: 0, captured: false })
  })

  itSandboxOnly("releases what is left on a final partial capture (final_capture omitted or true)", async () => {
    const { stripe } = target()
    for (const finalCapture of [undefined, true]) {
      const intent = await stripe.paymentIntents.create(multicaptureIntent())
      await stripe.paymentIntents.capture(intent.id, { amount_to_capture: 2500, final_capture: false })
      const last = await stripe.paymentIntents.capture(intent.id, {
        amount_to_capture: 2500,
        ...(finalCapture === undefined ? {} : { final_capture: finalCapture }),
        expand: ["latest_charge"],
      })
      expect(last).toMatchObject({ status: "succeeded", amount_capturable: 0, amount_received: 5000 })
      // The 50.00 never captured is released: Stripe shows it as refunded on the charge, and it cannot be refunded again.
      expect(chargeOf(last)).toMatchObject({ amount_captured: 5000, amount_refunded: 5000 })

      const refund = await stripe.refunds.create({ payment_intent: intent.id })
      expect(refund.amount).toBe(5000)
    }
  })

  itSandboxOnly("keeps every capture in the balance and refunds up to what was captured", async () => {
    const { stripe } = target()
    const intent = await stripe.paymentIntents.create(multicaptureIntent({ amount: 900, currency: "jpy" }))
    await stripe.paymentIntents.capture(intent.id, { amount_to_capture: 300, final_capture: false })
    await stripe.paymentIntents.capture(intent.id, { amount_to_capture: 200, final_capture: false })
    const done = await stripe.paymentIntents.capture(intent.id, { amount_to_capture: 400, final_capture: false, expand: ["latest_charge"] })
    // Capturing everything that is left leaves nothing to wait for, even with final_capture=false.
    expect(done).toMatchObject({ status: "succeeded", amount_received: 900, amount_capturable: 0 })
    expect(chargeOf(done)).toMatchObject({ amount_captured: 900, amount_refunded: 0 })

    const over = await failure(() => stripe.refunds.create({ payment_intent: intent.id, amount: 901 }))
    expect(over.param).toBe("amount")
    const refund = await stripe.refunds.create({ payment_intent: intent.id })
    expect(refund.amount).toBe(900)
  })

  itSandboxOnly("cancels after a partial capture: only the uncaptured rest is released", async () => {
    const { stripe } = target()
    const intent = await stripe.paymentIntents.create(multicaptureIntent())
    await stripe.paymentIntents.capture(intent.id, { amount_to_capture: 4000, final_capture: false })
    const canceled = await stripe.paymentIntents.cancel(intent.id, { expand: ["latest_charge"] })
    expect(canceled).toMatchObject({ amount_capturable: 0, amount_received: 4000 })
    expect(chargeOf(canceled)).toMatchObject({ amount_captured: 4000, amount_refunded: 6000, refunded: false })
  })

  it("refuses final_capture=false when multicapture was not requested, and leaves the authorization as it was", async () => {
    const { stripe } = target()
    const intent = await stripe.paymentIntents.create(
      cardIntent({ amount: 10000, capture_method: "manual", payment_method: "pm_card_visa", confirm: true })
    )
    const refused = await failure(() => stripe.paymentIntents.capture(intent.id, { amount_to_capture: 3000, final_capture: false }))
    expect(refused.statusCode).toBe(400)
    expect(refused.type).toBe("StripeInvalidRequestError")

    const unchanged = await stripe.paymentIntents.retrieve(intent.id)
    expect(unchanged).toMatchObject({ status: "requires_capture", amount_capturable: 10000, amount_received: 0 })

    // Without multicapture a partial capture is final, as before: the rest is released.
    const captured = await stripe.paymentIntents.capture(intent.id, { amount_to_capture: 3000, expand: ["latest_charge"] })
    expect(captured).toMatchObject({ status: "succeeded", amount_received: 3000, amount_capturable: 0 })
    expect(chargeOf(captured)).toMatchObject({ amount_captured: 3000, amount_refunded: 7000 })
  })
})
