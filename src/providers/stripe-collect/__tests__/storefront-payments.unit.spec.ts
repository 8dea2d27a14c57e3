import { MedusaError, PaymentSessionStatus } from "@medusajs/framework/utils"
import { providerUnderTest, SESSION_ID, startSession } from "./provider-under-test"

const PAYMENT_ID = "pay_1"

async function authorizedCheckout(options: { capture_method?: "manual" | "automatic"; payment_method?: string } = {}) {
  const under = providerUnderTest()
  const { saved } = await startSession(under.service, {
    callerData: { payment_method: options.payment_method ?? "pm_card_visa" },
    context: { capture_method: options.capture_method ?? "manual" },
  })
  const authorized = await under.service.authorizePayment({ data: saved, context: { idempotency_key: SESSION_ID } })
  under.fake.calls.length = 0
  return { ...under, authorized, data: authorized.data ?? {} }
}

describe("storefront checkout through the gateway", () => {
  it("creates at initiate and confirms at authorize, with Medusa's session id in both keys", async () => {
    const { service, fake } = providerUnderTest()
    const { saved, answer } = await startSession(service, { callerData: { payment_method: "pm_card_visa" } })
    expect(answer.status).toBe(PaymentSessionStatus.PENDING)
    expect(typeof saved.client_secret).toBe("string")
    const authorized = await service.authorizePayment({ data: saved, context: { idempotency_key: SESSION_ID } })
    expect(authorized.status).toBe(PaymentSessionStatus.CAPTURED)
    expect(fake.calls.map((call) => [call.method, call.args[call.args.length - 1]])).toEqual([
      ["paymentIntents.create", `stripe-collect:initiate:${SESSION_ID}`],
      ["paymentIntents.confirm", `stripe-collect:confirm:${SESSION_ID}:pm_card_visa`],
    ])
  })

  it("a declined card is Stripe's decline, and the session keeps the PaymentIntent to retry", async () => {
    const { service } = providerUnderTest()
    const { saved } = await startSession(service, { callerData: { payment_method: "pm_card_chargeDeclined" } })
    const declined = await service.authorizePayment({ data: saved, context: { idempotency_key: SESSION_ID } }).catch((e: unknown) => e)
    expect(declined).toMatchObject({
      type: MedusaError.Types.PAYMENT_AUTHORIZATION_ERROR,
      message: "Your card was declined. [generic_decline]",
    })
  })

  it("a PaymentIntent confirmed elsewhere (Stripe.js) is read, not confirmed twice", async () => {
    const { service, fake } = providerUnderTest()
    const { saved } = await startSession(service, { callerData: { payment_method: "pm_card_visa" } })
    const id = String(saved.id)
    const atStripe = fake.intents.get(`/${id}`)
    if (!atStripe) throw new Error("the fake has no PaymentIntent")
    fake.intents.set(`/${id}`, { ...atStripe, status: "succeeded", amount_received: 6000 })
    const authorized = await service.authorizePayment({ data: saved, context: { idempotency_key: SESSION_ID } })
    expect(authorized.status).toBe(PaymentSessionStatus.CAPTURED)
    expect(fake.stripeCalls()).toEqual(["paymentIntents.create", "paymentIntents.confirm"])
  })

  it("captures what Medusa's capture asks, in parts with multicapture unavailable: the first is final", async () => {
    const { service, fake, captures, data } = await authorizedCheckout()
    captures.capt_1 = { amount: 30, payment_id: PAYMENT_ID }
    const captured = await service.capturePayment({ data, context: { idempotency_key: "capt_1" } })
    expect(captured.data).toMatchObject({ status: "succeeded", amount_received: 3000 })
    expect(fake.calls.map((call) => call.method)).toEqual(["paymentIntents.retrieve", "paymentIntents.capture"])
    expect(fake.calls[1].args).toEqual([data.id, { amount_to_capture: 3000, expand: ["payment_method"] }, "stripe-collect:capture:capt_1"])

    // The rest was released at Stripe: Medusa cannot record it.
    captures.capt_2 = { amount: 30, payment_id: PAYMENT_ID }
    await expect(service.capturePayment({ data: captured.data ?? {}, context: { idempotency_key: "capt_2" } })).rejects.toThrow(
      /Stripe has captured 30 USD of PaymentIntent pi_fake_1 and released the rest of the authorization; another 30 USD cannot be captured/
    )
  })

  it("a storefront session Stripe captured already is captured without another capture call", async () => {
    const { service, fake, captures, data } = await authorizedCheckout({ capture_method: "automatic" })
    captures.capt_1 = { amount: 60, payment_id: PAYMENT_ID }
    const captured = await service.capturePayment({ data, context: { idempotency_key: "capt_1" } })
    expect(captured.data).toMatchObject({ status: "succeeded", amount_received: 6000 })
    expect(fake.stripeCalls()).toEqual(["paymentIntents.retrieve"])
  })

  it("refunds with Medusa's refund id as the key and counts what was refunded", async () => {
    const { service, fake, data } = await authorizedCheckout({ capture_method: "automatic" })
    const refunded = await service.refundPayment({ data, amount: 25.5, context: { idempotency_key: "ref_1" } })
    expect(refunded.data).toMatchObject({ amount_refunded: 2550, refund_ids: ["re_2"] })
    expect(fake.calls[0].args).toEqual([
      { payment_intent: data.id, amount: 2550, metadata: { medusa_refund_id: "ref_1", stripe_collect: "1", session_id: SESSION_ID } },
      "stripe-collect:refund:ref_1",
    ])
  })

  it("cancels an authorization; one canceled already counts as canceled", async () => {
    const { service, fake, data } = await authorizedCheckout()
    const canceled = await service.cancelPayment({ data, context: { idempotency_key: PAYMENT_ID } })
    expect(canceled.data).toMatchObject({ status: "canceled" })
    const again = await service.cancelPayment({ data, context: { idempotency_key: "pay_other" } })
    expect(again.data).toMatchObject({ status: "canceled" })
    expect(fake.stripeCalls()).toEqual(["paymentIntents.cancel", "paymentIntents.cancel"])
  })

  it("delete leaves a paid PaymentIntent alone", async () => {
    const { service, fake, data } = await authorizedCheckout({ capture_method: "automatic" })
    expect(await service.deletePayment({ data })).toEqual({ data })
    expect(fake.calls).toEqual([])
  })

  it("updates the amount of a PaymentIntent not paid yet, and refuses once it is", async () => {
    const { service, fake } = providerUnderTest()
    const { saved } = await startSession(service)
    const updated = await service.updatePayment({ data: saved, amount: 45.5, currency_code: "usd" })
    expect(updated.data).toMatchObject({ amount: 4550 })
    expect(fake.stripeCalls()).toEqual(["paymentIntents.create", "paymentIntents.update"])

    const paid = await authorizedCheckout({ capture_method: "automatic" })
    await expect(paid.service.updatePayment({ data: paid.data, amount: 45.5, currency_code: "usd" })).rejects.toThrow(
      /is succeeded; its amount can no longer change/
    )
  })
})
