import { PaymentSessionStatus } from "@medusajs/framework/utils"
import { providerUnderTest, SESSION_ID, startSession } from "./provider-under-test"

describe("deferred sessions (payment links): no Stripe calls at all", () => {
  async function deferred() {
    const under = providerUnderTest()
    const started = await startSession(under.service, { context: { deferred: true }, amount: 42.5 })
    return { ...under, ...started }
  }

  it("initiates pending_authorization without a PaymentIntent", async () => {
    const { fake, answer, saved } = await deferred()
    expect(answer.status).toBe(PaymentSessionStatus.PENDING_AUTHORIZATION)
    expect(saved).toMatchObject({
      deferred: true,
      adopted: false,
      id: null,
      payment_intent_id: null,
      amount: 4250,
      currency: "usd",
      session_id: SESSION_ID,
    })
    expect(fake.calls).toEqual([])
  })

  it("authorize and status keep waiting, whatever the data says", async () => {
    const { service, fake, saved } = await deferred()
    // Keys a caller could have added are not the provider's: they do not make the link paid.
    const tampered = { ...saved, checkout_session_id: "cs_paid_elsewhere", status: "succeeded", id: "pi_someone_else" }
    for (const data of [saved, tampered]) {
      expect(await service.authorizePayment({ data, context: { idempotency_key: SESSION_ID } })).toEqual({
        status: PaymentSessionStatus.PENDING_AUTHORIZATION,
        data,
      })
      expect((await service.getPaymentStatus({ data })).status).toBe(PaymentSessionStatus.PENDING_AUTHORIZATION)
    }
    expect(fake.calls).toEqual([])
  })

  it("an amount change is kept, nothing else", async () => {
    const { service, fake, saved } = await deferred()
    expect(await service.updatePayment({ data: saved, amount: 30, currency_code: "usd" })).toEqual({
      status: PaymentSessionStatus.PENDING_AUTHORIZATION,
      data: { ...saved, amount: 3000, currency: "usd" },
    })
    expect(fake.calls).toEqual([])
  })

  it("cancel, delete and retrieve call Stripe for nothing (the link code owns its Checkout Sessions)", async () => {
    const { service, fake, saved } = await deferred()
    expect(await service.cancelPayment({ data: saved })).toEqual({ data: saved })
    expect(await service.deletePayment({ data: saved })).toEqual({ data: saved })
    expect(await service.retrievePayment({ data: saved })).toEqual({ data: saved })
    expect(fake.calls).toEqual([])
  })

  it("only the trusted context makes a session deferred: data.deferred from a caller makes a PaymentIntent", async () => {
    const { service, fake } = providerUnderTest()
    const { answer, saved } = await startSession(service, { callerData: { deferred: true } })
    expect(answer.status).toBe(PaymentSessionStatus.PENDING)
    expect(saved.deferred).toBe(false)
    expect(fake.stripeCalls()).toEqual(["paymentIntents.create"])
  })
})
