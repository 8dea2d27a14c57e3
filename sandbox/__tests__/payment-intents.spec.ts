// Contract: PaymentIntents — create/confirm, capture, cancel, update, list, declines and 3-D Secure, as Stripe behaves.
import type Stripe from "stripe"
import { cardIntent, failure, itSandboxOnly, useContractTarget } from "./helpers/contract"

const target = useContractTarget()

const chargeOf = (intent: Stripe.PaymentIntent): Stripe.Charge => {
  if (!intent.latest_charge || typeof intent.latest_charge === "string") throw new Error("latest_charge was not expanded")
  return intent.latest_charge
}

describe("PaymentIntents", () => {
  it("creates without confirming: requires_payment_method, then requires_confirmation once a card is set", async () => {
    const { stripe } = target()
    const created = await stripe.paymentIntents.create(cardIntent({ metadata: { order_id: "order_1" } }))
    expect(created).toMatchObject({
      object: "payment_intent",
      amount: 2000,
      currency: "usd",
      status: "requires_payment_method",
      livemode: false,
      latest_charge: null,
      metadata: { order_id: "order_1" },
    })
    expect(created.id).toMatch(/^pi_/)
    expect(created.client_secret).toMatch(new RegExp(`^${created.id}_secret_`))
    expect(typeof created.created).toBe("number")

    const updated = await stripe.paymentIntents.update(created.id, { payment_method: "pm_card_visa" })
    expect(updated.status).toBe("requires_confirmation")
    expect(updated.payment_method).toMatch(/^pm_/)

    const confirmed = await stripe.paymentIntents.confirm(created.id, { expand: ["latest_charge"] })
    expect(confirmed.status).toBe("succeeded")
    expect(confirmed.amount_received).toBe(2000)
    expect(chargeOf(confirmed)).toMatchObject({ object: "charge", amount: 2000, captured: true, paid: true, status: "succeeded" })
  })

  it("charges with confirm=true and reports the card brand and last4 on latest_charge", async () => {
    const { stripe } = target()
    const cases: [string, string, string][] = [
      ["pm_card_visa", "visa", "4242"],
      ["pm_card_mastercard", "mastercard", "4444"],
      ["pm_card_amex", "amex", "0005"],
    ]
    for (const [pm, brand, last4] of cases) {
      const intent = await stripe.paymentIntents.create(cardIntent({ payment_method: pm, confirm: true, expand: ["latest_charge"] }))
      expect(intent.status).toBe("succeeded")
      const charge = chargeOf(intent)
      expect(charge.payment_method_details?.card).toMatchObject({ brand, last4 })
      expect(charge.payment_intent).toBe(intent.id)
      expect(charge.id).toMatch(/^(ch|py)_/)
    }
  })

  it("leaves latest_charge as an id unless expanded, and expands it on retrieve and list", async () => {
    const { stripe } = target()
    const customer = await stripe.customers.create({ email: "expand@example.com" })
    const intent = await stripe.paymentIntents.create(cardIntent({ customer: customer.id, payment_method: "pm_card_visa", confirm: true }))
    expect(typeof intent.latest_charge).toBe("string")
    const retrieved = await stripe.paymentIntents.retrieve(intent.id, { expand: ["latest_charge", "customer"] })
    expect(chargeOf(retrieved).id).toBe(intent.latest_charge)
    expect(retrieved.customer).toMatchObject({ id: customer.id, object: "customer" })
    const list = await stripe.paymentIntents.list({ customer: customer.id, expand: ["data.latest_charge"] })
    expect(list.data.map((i) => i.id)).toEqual([intent.id])
    expect(chargeOf(list.data[0]).payment_method_details?.card?.last4).toBe("4242")
  })

  it("lists a customer's PaymentIntents newest first, with pagination", async () => {
    const { stripe } = target()
    const customer = await stripe.customers.create({ email: "list@example.com" })
    const ids: string[] = []
    for (let i = 0; i < 3; i++) ids.push((await stripe.paymentIntents.create(cardIntent({ customer: customer.id, amount: 1000 + i }))).id)
    const first = await stripe.paymentIntents.list({ customer: customer.id, limit: 2 })
    expect(first.object).toBe("list")
    expect(first.has_more).toBe(true)
    const second = await stripe.paymentIntents.list({ customer: customer.id, limit: 2, starting_after: first.data[1].id })
    expect(second.has_more).toBe(false)
    expect([...first.data, ...second.data].map((i) => i.id).sort()).toEqual([...ids].sort())
    expect(first.data[0].created).toBeGreaterThanOrEqual(second.data[0].created)
  })

  it("authorizes with capture_method=manual, then captures part of it", async () => {
    const { stripe } = target()
    const intent = await stripe.paymentIntents.create(
      cardIntent({ amount: 5000, capture_method: "manual", payment_method: "pm_card_visa", confirm: true })
    )
    expect(intent.status).toBe("requires_capture")
    expect(intent.amount_capturable).toBe(5000)
    expect(intent.amount_received).toBe(0)

    const over = await failure(() => stripe.paymentIntents.capture(intent.id, { amount_to_capture: 6000 }))
    expect(over.statusCode).toBe(400)
    expect(over.param).toBe("amount_to_capture")

    const captured = await stripe.paymentIntents.capture(intent.id, { amount_to_capture: 3000, expand: ["latest_charge"] })
    expect(captured.status).toBe("succeeded")
    expect(captured.amount_received).toBe(3000)
    expect(captured.amount_capturable).toBe(0)
    expect(chargeOf(captured)).toMatchObject({ captured: true, amount: 5000, amount_captured: 3000 })

    const again = await failure(() => stripe.paymentIntents.capture(intent.id))
    expect(again.statusCode).toBe(400)
    expect(again.code).toBe("payment_intent_unexpected_state")
  })

  it("captures the full amount by default", async () => {
    const { stripe } = target()
    const intent = await stripe.paymentIntents.create(
      cardIntent({ capture_method: "manual", payment_method: "pm_card_mastercard", confirm: true })
    )
    const captured = await stripe.paymentIntents.capture(intent.id)
    expect(captured).toMatchObject({ status: "succeeded", amount_received: 2000 })
  })

  it("cancels an authorization, and refuses to cancel a succeeded payment", async () => {
    const { stripe } = target()
    const authorized = await stripe.paymentIntents.create(
      cardIntent({ capture_method: "manual", payment_method: "pm_card_visa", confirm: true })
    )
    const canceled = await stripe.paymentIntents.cancel(authorized.id, { cancellation_reason: "requested_by_customer" })
    expect(canceled).toMatchObject({ status: "canceled", cancellation_reason: "requested_by_customer" })
    expect(typeof canceled.canceled_at).toBe("number")

    const paid = await stripe.paymentIntents.create(cardIntent({ payment_method: "pm_card_visa", confirm: true }))
    const error = await failure(() => stripe.paymentIntents.cancel(paid.id))
    expect(error.type).toBe("StripeInvalidRequestError")
    expect(error.code).toBe("payment_intent_unexpected_state")
  })

  it("updates metadata after success but not the amount", async () => {
    const { stripe } = target()
    const paid = await stripe.paymentIntents.create(
      cardIntent({ payment_method: "pm_card_visa", confirm: true, metadata: { a: "1", b: "2" } })
    )
    const updated = await stripe.paymentIntents.update(paid.id, { metadata: { b: "", c: "3" }, description: "Order #1001" })
    expect(updated.metadata).toEqual({ a: "1", c: "3" })
    expect(updated.description).toBe("Order #1001")
    const error = await failure(() => stripe.paymentIntents.update(paid.id, { amount: 3000 }))
    expect(error.statusCode).toBe(400)
    expect(error.code).toBe("payment_intent_unexpected_state")
  })

  it("refuses to confirm a PaymentIntent without a payment method, or one that already succeeded", async () => {
    const { stripe } = target()
    const bare = await stripe.paymentIntents.create(cardIntent())
    const missing = await failure(() => stripe.paymentIntents.confirm(bare.id))
    expect(missing.statusCode).toBe(400)
    expect(missing.code).toBe("payment_intent_unexpected_state")

    const paid = await stripe.paymentIntents.create(cardIntent({ payment_method: "pm_card_visa", confirm: true }))
    const twice = await failure(() => stripe.paymentIntents.confirm(paid.id))
    expect(twice.code).toBe("payment_intent_unexpected_state")
  })

  it("requires a return_url when automatic payment methods may redirect", async () => {
    const { stripe } = target()
    const error = await failure(() =>
      stripe.paymentIntents.create({ amount: 2000, currency: "usd", payment_method: "pm_card_visa", confirm: true })
    )
    expect(error.statusCode).toBe(400)
    expect(error.message).toMatch(/return_url/)
    const withReturn = await stripe.paymentIntents.create({
      amount: 2000,
      currency: "usd",
      payment_method: "pm_card_visa",
      confirm: true,
      return_url: "https://shop.example/return",
    })
    expect(withReturn.status).toBe("succeeded")
    const noRedirects = await stripe.paymentIntents.create({
      amount: 2000,
      currency: "usd",
      payment_method: "pm_card_visa",
      confirm: true,
      automatic_payment_methods: { enabled: true, allow_redirects: "never" },
    })
    expect(noRedirects.status).toBe("succeeded")
  })

  it("uses a saved card off-session for its customer only", async () => {
    const { stripe } = target()
    const customer = await stripe.customers.create({ email: "saved@example.com" })
    const pm = await stripe.paymentMethods.attach("pm_card_visa", { customer: customer.id })
    const paid = await stripe.paymentIntents.create(
      cardIntent({ customer: customer.id, payment_method: pm.id, off_session: true, confirm: true })
    )
    expect(paid.status).toBe("succeeded")

    const other = await stripe.customers.create({ email: "other@example.com" })
    const error = await failure(() =>
      stripe.paymentIntents.create(cardIntent({ customer: other.id, payment_method: pm.id, confirm: true }))
    )
    expect(error.statusCode).toBe(400)
    expect(error.param).toBe("payment_method")
  })

  it("does not let a card used without a customer be used again", async () => {
    const { stripe } = target()
    const pm = await stripe.paymentMethods.create({ type: "card", card: { token: "tok_visa" } })
    await stripe.paymentIntents.create(cardIntent({ payment_method: pm.id, confirm: true }))
    const error = await failure(() => stripe.paymentIntents.create(cardIntent({ payment_method: pm.id, confirm: true })))
    expect(error.statusCode).toBe(400)
    expect(error.param).toBe("payment_method")
  })
})

describe("PaymentIntent declines", () => {
  const declines: [string, string, string][] = [
    ["pm_card_chargeDeclined", "card_declined", "generic_decline"],
    ["pm_card_visa_chargeDeclined", "card_declined", "generic_decline"],
    ["pm_card_chargeDeclinedInsufficientFunds", "card_declined", "insufficient_funds"],
    ["pm_card_chargeDeclinedLostCard", "card_declined", "lost_card"],
    ["pm_card_chargeDeclinedStolenCard", "card_declined", "stolen_card"],
    ["pm_card_chargeDeclinedExpiredCard", "expired_card", "expired_card"],
    ["pm_card_chargeDeclinedIncorrectCvc", "incorrect_cvc", "incorrect_cvc"],
    ["pm_card_chargeDeclinedProcessingError", "processing_error", "processing_error"],
  ]

  it.each(declines)("%s is a 402 card_error %s / %s with the PaymentIntent in the error", async (pm, code, declineCode) => {
    const { stripe } = target()
    const error = await failure(() => stripe.paymentIntents.create(cardIntent({ payment_method: pm, confirm: true })))
    expect(error.type).toBe("StripeCardError")
    expect(error.rawType).toBe("card_error")
    expect(error.statusCode).toBe(402)
    expect(error.code).toBe(code)
    expect(error.decline_code).toBe(declineCode)
    expect(error.charge).toMatch(/^(ch|py)_/)
    const intent = error.payment_intent
    expect(intent).toBeDefined()
    expect(intent?.status).toBe("requires_payment_method")
    expect(intent?.last_payment_error).toMatchObject({ type: "card_error", code, decline_code: declineCode, charge: error.charge })
    expect(intent?.last_payment_error?.payment_method?.card?.last4).toMatch(/^\d{4}$/)

    const retrieved = await stripe.paymentIntents.retrieve(intent?.id ?? "", { expand: ["latest_charge"] })
    expect(retrieved.status).toBe("requires_payment_method")
    expect(chargeOf(retrieved)).toMatchObject({ status: "failed", paid: false, failure_code: code })
  })

  it("can be retried with another card after a decline", async () => {
    const { stripe } = target()
    const error = await failure(() =>
      stripe.paymentIntents.create(cardIntent({ payment_method: "pm_card_chargeDeclinedInsufficientFunds", confirm: true }))
    )
    const retried = await stripe.paymentIntents.confirm(error.payment_intent?.id ?? "", { payment_method: "pm_card_visa" })
    expect(retried.status).toBe("succeeded")
    expect(retried.last_payment_error).toBeNull()
  })
})

describe("PaymentIntents and 3-D Secure", () => {
  it("asks for authentication on-session (requires_action with next_action)", async () => {
    const { stripe } = target()
    const intent = await stripe.paymentIntents.create(cardIntent({ payment_method: "pm_card_authenticationRequired", confirm: true }))
    expect(intent.status).toBe("requires_action")
    expect(intent.next_action?.type).toBe("use_stripe_sdk")
    const redirected = await stripe.paymentIntents.create(
      cardIntent({ payment_method: "pm_card_authenticationRequired", confirm: true, return_url: "https://shop.example/done" })
    )
    expect(redirected.status).toBe("requires_action")
    expect(redirected.next_action).toMatchObject({ type: "redirect_to_url", redirect_to_url: { return_url: "https://shop.example/done" } })
    expect(redirected.next_action?.redirect_to_url?.url).toMatch(/^https?:\/\//)
  })

  it("declines off-session with authentication_required", async () => {
    const { stripe } = target()
    const customer = await stripe.customers.create({ email: "sca@example.com" })
    const pm = await stripe.paymentMethods.attach("pm_card_authenticationRequired", { customer: customer.id })
    const error = await failure(() =>
      stripe.paymentIntents.create(cardIntent({ customer: customer.id, payment_method: pm.id, off_session: true, confirm: true }))
    )
    expect(error.type).toBe("StripeCardError")
    expect(error.code).toBe("authentication_required")
    expect(error.decline_code).toBe("authentication_required")
    expect(error.payment_intent?.status).toBe("requires_payment_method")
  })

  it("asks 4000 0025 0000 3155 for authentication on-session, at setup, and off-session until it is set up", async () => {
    const { stripe } = target()
    const customer = await stripe.customers.create({ email: "setup@example.com" })
    const onSession = await stripe.paymentIntents.create(
      cardIntent({ payment_method: "pm_card_authenticationRequiredOnSetup", confirm: true })
    )
    expect(onSession.status).toBe("requires_action")
    const setup = await stripe.setupIntents.create({
      customer: customer.id,
      payment_method: "pm_card_authenticationRequiredOnSetup",
      allowed_payment_method_types: ["card"],
      confirm: true,
    })
    expect(setup.status).toBe("requires_action")
    // Without completing the setup's authentication, off-session payments still need it.
    const pm = await stripe.paymentMethods.attach("pm_card_authenticationRequiredOnSetup", { customer: customer.id })
    const error = await failure(() =>
      stripe.paymentIntents.create(cardIntent({ customer: customer.id, payment_method: pm.id, off_session: true, confirm: true }))
    )
    expect(error.code).toBe("authentication_required")
  })

  itSandboxOnly("skips 3-D Secure for a MOTO (phone order) payment, and marks the charge as MOTO", async () => {
    const { stripe } = target()
    const intent = await stripe.paymentIntents.create(
      cardIntent({
        payment_method: "pm_card_authenticationRequired",
        confirm: true,
        payment_method_options: { card: { moto: true } },
        expand: ["latest_charge"],
      })
    )
    expect(intent.status).toBe("succeeded")
    expect(chargeOf(intent).payment_method_details?.card?.moto).toBe(true)
    const declined = await failure(() =>
      stripe.paymentIntents.create(
        cardIntent({ payment_method: "pm_card_chargeDeclined", confirm: true, payment_method_options: { card: { moto: true } } })
      )
    )
    expect(declined.decline_code).toBe("generic_decline")
  })
})
