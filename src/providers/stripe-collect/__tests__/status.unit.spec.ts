import { PaymentSessionStatus } from "@medusajs/framework/utils"
import { sessionStatusForAdoptedPayment, sessionStatusForPaymentIntent } from "../status"

describe("sessionStatusForPaymentIntent", () => {
  it.each([
    ["requires_payment_method", PaymentSessionStatus.PENDING],
    ["requires_confirmation", PaymentSessionStatus.PENDING],
    ["requires_action", PaymentSessionStatus.REQUIRES_MORE],
    ["processing", PaymentSessionStatus.PENDING],
    ["requires_capture", PaymentSessionStatus.AUTHORIZED],
    ["succeeded", PaymentSessionStatus.CAPTURED],
    ["canceled", PaymentSessionStatus.CANCELED],
  ])("%s → %s", (status, expected) => {
    expect(sessionStatusForPaymentIntent({ status, last_payment_error: null })).toBe(expected)
  })

  it("reports a refused attempt (back to requires_payment_method with an error) as error", () => {
    expect(
      sessionStatusForPaymentIntent({
        status: "requires_payment_method",
        last_payment_error: { type: "card_error", code: "card_declined", decline_code: "generic_decline" },
      })
    ).toBe(PaymentSessionStatus.ERROR)
  })

  it("keeps an unknown future status pending, never failed (no second charge)", () => {
    expect(sessionStatusForPaymentIntent({ status: "requires_reauthorization" })).toBe(PaymentSessionStatus.PENDING)
  })

  it("ignores last_payment_error once the intent moved on", () => {
    expect(
      sessionStatusForPaymentIntent({
        status: "succeeded",
        last_payment_error: { type: "card_error", code: "card_declined" },
      })
    ).toBe(PaymentSessionStatus.CAPTURED)
  })
})

describe("sessionStatusForAdoptedPayment", () => {
  it("reports a payment Stripe took as authorized, so Medusa's capture workflow records the capture", () => {
    expect(sessionStatusForAdoptedPayment("succeeded")).toBe(PaymentSessionStatus.AUTHORIZED)
  })

  it("maps anything else like any PaymentIntent, and missing data as an error", () => {
    expect(sessionStatusForAdoptedPayment("canceled")).toBe(PaymentSessionStatus.CANCELED)
    expect(sessionStatusForAdoptedPayment(undefined)).toBe(PaymentSessionStatus.ERROR)
  })
})
