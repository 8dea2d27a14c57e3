import { MedusaError, PaymentSessionStatus } from "@medusajs/framework/utils"
import type Stripe from "stripe"
import { providerUnderTest, SESSION_ID, startSession } from "./provider-under-test"
import { paymentIntent, succeededIntent } from "./stripe-objects"

// The capture Medusa's capture workflow writes before it calls the provider.
const CAPTURE_ID = "capt_1"
const PAYMENT_ID = "pay_1"

async function adoptedSession(intent: Stripe.PaymentIntent = succeededIntent(), context: Record<string, unknown> = {}) {
  const under = providerUnderTest()
  const started = await startSession(under.service, {
    callerData: { order_id: "order_someone_else", metadata: { note: "x" } },
    context: { adopt_payment_intent: intent, ...context },
  })
  return { ...under, ...started }
}

describe("adopt_payment_intent: recording a payment Stripe already took", () => {
  it("initiates without calling Stripe, from Stripe's own object, never keeping its client secret", async () => {
    const { fake, answer, saved } = await adoptedSession(succeededIntent(), { stripe_account: "acct_connected" })
    expect(fake.calls).toEqual([])
    expect(answer.status).toBe(PaymentSessionStatus.PENDING)
    expect(saved).toMatchObject({
      id: "pi_taken",
      payment_intent_id: "pi_taken",
      session_id: SESSION_ID,
      adopted: true,
      deferred: false,
      status: "succeeded",
      amount: 6000,
      amount_received: 6000,
      amount_refunded: 0,
      currency: "usd",
      customer: "cus_1",
      payment_method: "pm_card_visa_1",
      card: { brand: "visa", last4: "4242" },
      latest_charge: "ch_1",
      stripe_account: "acct_connected",
      client_secret: null,
      metadata: { stripe_collect: "1", stripe_collect_attempt: "attempt_1" },
      order_id: null,
    })
    expect(JSON.stringify(saved)).not.toContain("secret_do_not_keep")
  })

  it("authorizes from the saved data with no Stripe call (authorized, so Medusa's capture workflow records the capture)", async () => {
    const { service, fake, saved } = await adoptedSession()
    const authorized = await service.authorizePayment({ data: saved, context: { idempotency_key: SESSION_ID } })
    expect(authorized).toEqual({ status: PaymentSessionStatus.AUTHORIZED, data: saved })
    expect(await service.getPaymentStatus({ data: saved })).toEqual({ status: PaymentSessionStatus.AUTHORIZED, data: saved })
    expect(fake.calls).toEqual([])
  })

  it("captures with no Stripe call while Stripe holds at least what Medusa records as captured", async () => {
    const { service, fake, captures, saved } = await adoptedSession()
    captures[CAPTURE_ID] = { amount: 60, payment_id: PAYMENT_ID }
    const captured = await service.capturePayment({ data: saved, context: { idempotency_key: CAPTURE_ID } })
    expect(captured).toEqual({ data: saved })
    expect(fake.calls).toEqual([])
  })

  it("refuses to record more captured than Stripe took (it asks Stripe once to be sure)", async () => {
    const { service, fake, captures, saved } = await adoptedSession()
    fake.intents.set("/pi_taken", succeededIntent())
    captures.capt_0 = { amount: 60, payment_id: PAYMENT_ID }
    captures[CAPTURE_ID] = { amount: 10, payment_id: PAYMENT_ID }
    const refused = await service.capturePayment({ data: saved, context: { idempotency_key: CAPTURE_ID } }).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(MedusaError)
    expect(refused).toMatchObject({
      type: MedusaError.Types.NOT_ALLOWED,
      message:
        "Stripe has captured 60 USD of PaymentIntent pi_taken and released the rest of the authorization; another 10 USD cannot be captured",
    })
    expect(fake.stripeCalls()).toEqual(["paymentIntents.retrieve"])
  })

  it("cancel and delete call Stripe for nothing and never refund: money Stripe took is left for the plugin's recovery", async () => {
    const { service, fake, saved } = await adoptedSession()
    expect(await service.cancelPayment({ data: saved, context: { idempotency_key: PAYMENT_ID } })).toEqual({ data: saved })
    expect(await service.deletePayment({ data: saved })).toEqual({ data: saved })
    expect(fake.calls).toEqual([])
  })

  it("keeps the amount Stripe took: a different amount is refused, the same one changes nothing", async () => {
    const { service, fake, saved } = await adoptedSession()
    expect(await service.updatePayment({ data: saved, amount: 60, currency_code: "usd" })).toEqual({ data: saved })
    await expect(service.updatePayment({ data: saved, amount: 50, currency_code: "usd" })).rejects.toThrow(/can no longer change/)
    expect(fake.calls).toEqual([])
  })

  it.each([
    ["the old id string", "pi_taken", /must be the PaymentIntent object/],
    [
      "an object that is not a PaymentIntent",
      { id: "ch_1", status: "succeeded", amount_received: 6000, currency: "usd" },
      /must be the PaymentIntent object/,
    ],
    ["a PaymentIntent without a status", { id: "pi_1", amount_received: 6000, currency: "usd" }, /must be the PaymentIntent object/],
    ["a PaymentIntent Stripe has not taken", paymentIntent({ id: "pi_open", status: "requires_capture" }), /pi_open is requires_capture/],
    ["a PaymentIntent in another currency", succeededIntent({ currency: "eur" }), /is in EUR, the payment session in USD/],
    [
      "a PaymentIntent of less than the session",
      succeededIntent({ amount: 5000, amount_received: 5000 }),
      /Stripe took 50 USD with PaymentIntent pi_taken, less than the 60 USD to record/,
    ],
  ])("refuses %s with INVALID_DATA, calling no one", async (_name, value, message) => {
    const { service, fake } = providerUnderTest()
    const context: Record<string, unknown> = { adopt_payment_intent: value }
    const refused = await startSession(service, { context }).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(MedusaError)
    expect(refused).toMatchObject({ type: MedusaError.Types.INVALID_DATA, message: expect.stringMatching(message) })
    expect(fake.calls).toEqual([])
  })

  it("refuses a session that would be both deferred and adopted", async () => {
    const { service } = providerUnderTest()
    await expect(startSession(service, { context: { adopt_payment_intent: succeededIntent(), deferred: true } })).rejects.toThrow(
      /not both/
    )
  })

  it("a caller's `adopted: true` makes nothing adopted: the storefront session is made and confirmed at Stripe", async () => {
    const { service, fake } = providerUnderTest()
    const { saved } = await startSession(service, { callerData: { payment_method: "pm_card_visa", adopted: true, status: "succeeded" } })
    expect(saved).toMatchObject({ adopted: false, status: "requires_confirmation" })
    await service.authorizePayment({ data: saved, context: { idempotency_key: SESSION_ID } })
    expect(fake.stripeCalls()).toEqual(["paymentIntents.create", "paymentIntents.confirm"])
  })
})
