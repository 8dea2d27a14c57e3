import { asMinorUnits } from "../../../stripe/money"
import { confirmParams, paymentIntentParams, type PaymentIntentInput } from "../intent-params"
import { stripeCollectMetadata } from "../metadata"

const metadata = stripeCollectMetadata(undefined, { order_id: "order_1" })
const base: PaymentIntentInput = { amount: asMinorUnits(6000), currency: "usd", metadata, capture_method: "automatic" }
const noOptions = { statementDescriptorSuffix: undefined, multicapture: false, moto: false }

describe("paymentIntentParams: a PaymentIntent's parameters, written once", () => {
  it("cards and wallets without redirects, the card expanded, the metadata exactly as given", () => {
    expect(paymentIntentParams(base, noOptions)).toEqual({
      amount: 6000,
      currency: "usd",
      capture_method: "automatic",
      automatic_payment_methods: { enabled: true, allow_redirects: "never" },
      metadata: { order_id: "order_1", stripe_collect: "1" },
      expand: ["payment_method"],
    })
  })

  it("adds the card, customer, description (≤ 1000) and receipt email when given", () => {
    const params = paymentIntentParams(
      { ...base, payment_method: "pm_1", customer: "cus_1", description: "d".repeat(1200), receipt_email: "a@example.com" },
      noOptions
    )
    expect(params).toMatchObject({ payment_method: "pm_1", customer: "cus_1", receipt_email: "a@example.com" })
    expect(params.description).toHaveLength(1000)
  })

  it("keeps the card for later only on a customer", () => {
    expect(paymentIntentParams({ ...base, save_payment_method: true }, noOptions)).not.toHaveProperty("setup_future_usage")
    expect(paymentIntentParams({ ...base, customer: "cus_1", save_payment_method: true }, noOptions)).toMatchObject({
      setup_future_usage: "off_session",
    })
  })

  it("the statement descriptor suffix comes from the options", () => {
    expect(paymentIntentParams(base, { ...noOptions, statementDescriptorSuffix: "ORDER" })).toMatchObject({
      statement_descriptor_suffix: "ORDER",
    })
  })

  it("asks for multicapture on manual capture only, with the option", () => {
    const manual = { ...base, capture_method: "manual" as const }
    expect(paymentIntentParams(manual, { ...noOptions, multicapture: true })).toMatchObject({
      capture_method: "manual",
      payment_method_options: { card: { request_multicapture: "if_available" } },
    })
    expect(paymentIntentParams(manual, noOptions)).not.toHaveProperty("payment_method_options")
    expect(paymentIntentParams(base, { ...noOptions, multicapture: true })).not.toHaveProperty("payment_method_options")
  })

  it("off_session and MOTO for a charge confirmed in the same request; MOTO only with the option", () => {
    const charge = { ...base, capture_method: "manual" as const, off_session: true, moto: true }
    expect(paymentIntentParams(charge, { ...noOptions, moto: true, multicapture: true })).toMatchObject({
      off_session: true,
      payment_method_options: { card: { moto: true, request_multicapture: "if_available" } },
    })
    const withoutOption = paymentIntentParams(charge, noOptions)
    expect(withoutOption).toMatchObject({ off_session: true })
    expect(withoutOption).not.toHaveProperty("payment_method_options")
  })

  it("never confirms by itself (the caller of createAndConfirm does)", () => {
    expect(paymentIntentParams({ ...base, payment_method: "pm_1", off_session: true }, noOptions)).not.toHaveProperty("confirm")
  })
})

describe("confirmParams", () => {
  it("sends the card, the return URL, off_session, and MOTO only with the option", () => {
    const input = { payment_method: "pm_1", return_url: "https://shop.example.com/3ds", off_session: true, moto: true }
    expect(confirmParams(input, { moto: true })).toEqual({
      expand: ["payment_method"],
      payment_method: "pm_1",
      return_url: "https://shop.example.com/3ds",
      off_session: true,
      payment_method_options: { card: { moto: true } },
    })
    expect(confirmParams(input, { moto: false })).not.toHaveProperty("payment_method_options")
    expect(confirmParams({ payment_method: null, return_url: null, off_session: false, moto: false }, { moto: true })).toEqual({
      expand: ["payment_method"],
    })
  })
})
