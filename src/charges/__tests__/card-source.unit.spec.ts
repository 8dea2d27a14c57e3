import type Stripe from "stripe"
import { cardSource, TYPED_CARD_MAX_AGE_SECONDS } from "../../workflows/charge-order-card/steps/check-card"
import { chargeFlagsOf, cardEntryOf } from "../card-entry"

const now = () => Math.floor(Date.now() / 1000)
const card = (fields: Partial<Stripe.PaymentMethod>) =>
  ({ id: "pm_1", object: "payment_method", type: "card", customer: null, created: now(), ...fields }) as Stripe.PaymentMethod
const input = { payment_method: "pm_1", order_customer: "cus_buyer", stripe_account: null, mail_phone_order: false, save_card: false }

describe("the card a charge may use", () => {
  it("is the order customer's card on file, a card just typed, or a test card in test mode", async () => {
    await expect(cardSource(true, input, async () => card({ customer: "cus_buyer" }))).resolves.toBe("card_on_file")
    await expect(cardSource(true, input, async () => card({}))).resolves.toBe("typed_card")
    await expect(cardSource(true, { ...input, payment_method: "pm_card_visa" }, async () => null)).resolves.toBe("test_card")
  })

  it("is never another customer's card, an old unattached card, an unknown one, or a test card in live mode", async () => {
    await expect(cardSource(true, input, async () => card({ customer: "cus_other" }))).rejects.toThrow(/saved for another customer/)
    await expect(cardSource(true, { ...input, order_customer: null }, async () => card({ customer: "cus_other" }))).rejects.toThrow(
      /saved for another customer/
    )
    const old = now() - TYPED_CARD_MAX_AGE_SECONDS - 5
    await expect(cardSource(true, input, async () => card({ created: old }))).rejects.toThrow(/neither a card on file/)
    await expect(cardSource(true, input, async () => null)).rejects.toThrow(/no card pm_1/)
    await expect(cardSource(false, { ...input, payment_method: "pm_card_visa" }, async () => null)).rejects.toThrow(/test-mode API key/)
  })
})

describe("how each kind of card is charged", () => {
  it("a card on file is merchant-initiated, a phone order is MOTO, a typed card is neither and never waits for 3-D Secure", () => {
    expect(chargeFlagsOf(cardEntryOf("card_on_file", false))).toEqual({ off_session: true, moto: false, error_on_requires_action: false })
    expect(chargeFlagsOf(cardEntryOf("typed_card", true))).toEqual({ off_session: false, moto: true, error_on_requires_action: false })
    expect(chargeFlagsOf(cardEntryOf("test_card", false))).toEqual({ off_session: false, moto: false, error_on_requires_action: true })
  })
})
