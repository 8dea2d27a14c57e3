// Contract: SetupIntents — save a card for later, declines and 3-D Secure at setup.
import { failure, useContractTarget } from "./helpers/contract"

const target = useContractTarget()

describe("SetupIntents", () => {
  it("saves a card to a customer for off-session payments", async () => {
    const { stripe } = target()
    const customer = await stripe.customers.create({ email: "setup@example.com" })
    const setup = await stripe.setupIntents.create({
      customer: customer.id,
      payment_method: "pm_card_visa",
      allowed_payment_method_types: ["card"],
      confirm: true,
      usage: "off_session",
    })
    expect(setup).toMatchObject({ object: "setup_intent", status: "succeeded", usage: "off_session", customer: customer.id })
    expect(setup.id).toMatch(/^seti_/)
    const pm = await stripe.paymentMethods.retrieve(String(setup.payment_method))
    expect(pm.customer).toBe(customer.id)
    const paid = await stripe.paymentIntents.create({
      amount: 1500,
      currency: "usd",
      allowed_payment_method_types: ["card"],
      customer: customer.id,
      payment_method: pm.id,
      off_session: true,
      confirm: true,
    })
    expect(paid.status).toBe("succeeded")
  })

  it("creates unconfirmed, confirms later, retrieves, lists and cancels", async () => {
    const { stripe } = target()
    const customer = await stripe.customers.create({ email: "later@example.com" })
    const setup = await stripe.setupIntents.create({ customer: customer.id, allowed_payment_method_types: ["card"] })
    expect(setup.status).toBe("requires_payment_method")
    const confirmed = await stripe.setupIntents.confirm(setup.id, { payment_method: "pm_card_mastercard" })
    expect(confirmed.status).toBe("succeeded")
    const listed = await stripe.setupIntents.list({ customer: customer.id })
    expect(listed.data.map((s) => s.id)).toContain(setup.id)
    const other = await stripe.setupIntents.create({ customer: customer.id, allowed_payment_method_types: ["card"] })
    const canceled = await stripe.setupIntents.cancel(other.id)
    expect(canceled.status).toBe("canceled")
    const error = await failure(() => stripe.setupIntents.cancel(setup.id))
    expect(error.code).toBe("setup_intent_unexpected_state")
  })

  it("declines a card that declines, with the SetupIntent in the error", async () => {
    const { stripe } = target()
    const error = await failure(() =>
      stripe.setupIntents.create({ payment_method: "pm_card_chargeDeclined", allowed_payment_method_types: ["card"], confirm: true })
    )
    expect(error.type).toBe("StripeCardError")
    expect(error.code).toBe("card_declined")
    expect(error.setup_intent?.status).toBe("requires_payment_method")
    expect(error.setup_intent?.last_setup_error?.code).toBe("card_declined")
  })

  it("asks for 3-D Secure at setup for authentication cards", async () => {
    const { stripe } = target()
    const setup = await stripe.setupIntents.create({
      payment_method: "pm_card_authenticationRequired",
      allowed_payment_method_types: ["card"],
      confirm: true,
    })
    expect(setup.status).toBe("requires_action")
    expect(setup.next_action?.type).toBe("use_stripe_sdk")
  })
})
