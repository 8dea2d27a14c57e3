// The fake gateway workflow tests use must answer like the real one: the same scenarios run against both
// (the real gateway over HTTP on the sandbox), and the fake's own test hooks (faults, call log, paying Checkout).
import type Stripe from "stripe"
import { FakeStripeGateway } from "../../../integration-tests/helpers/fake-stripe-gateway"
import type { StripeGateway } from "../gateway"
import { isCardDecline, isUndecidedOutcome, StripeCollectError, stripeErrorDetails } from "../errors"
import { cardPayment, rejectionOf, useSandboxGateways } from "./helpers/sandbox-gateway"

const env = useSandboxGateways()

type Target = {
  gateway: StripeGateway
  /** The customer pays the session on Stripe's page. */
  pay: (session: Stripe.Checkout.Session) => Promise<void>
}

const targets: Array<[string, () => Target]> = [
  [
    "the real gateway on the sandbox",
    () => ({
      gateway: env.gateway().gateway,
      pay: async (session) => {
        const answer = await fetch(session.url ?? "", {
          method: "POST",
          redirect: "manual",
          body: new URLSearchParams({
            email: "buyer@example.com",
            card_number: "4242424242424242",
            card_expiry: "12 / 34",
            card_cvc: "123",
            billing_name: "Jenny Rosen",
          }),
        })
        expect(answer.status).toBe(303)
      },
    }),
  ],
  [
    "the fake gateway",
    () => {
      const fake = new FakeStripeGateway()
      return { gateway: fake, pay: async (session) => void fake.payCheckoutSession(session.id) }
    },
  ],
]

// What a merchant reads, without Stripe's request id (different on every request).
const messageOf = (error: unknown) => (error instanceof Error ? error.message.replace(/ \(Stripe request req_[^)]+\)/, "") : String(error))

const checkoutParams = (): Stripe.Checkout.SessionCreateParams => ({
  mode: "payment",
  line_items: [{ price_data: { currency: "usd", unit_amount: 2_500, product_data: { name: "Invoice #1001" } }, quantity: 2 }],
  success_url: "https://shop.example/pay/tok_1/return?session_id={CHECKOUT_SESSION_ID}",
  cancel_url: "https://shop.example/pay/tok_1",
  payment_intent_data: { metadata: { payment_link_id: "plink_1" } },
})

describe.each(targets)("%s", (_name, target) => {
  it("charges a test card once per idempotency key, and refuses the key with other parameters", async () => {
    const { gateway } = target()
    const first = await gateway.paymentIntents.createAndConfirm(cardPayment(2_000, { attempt_key: "att_1" }), "contract-charge")
    expect(first).toMatchObject({
      status: "succeeded",
      amount: 2_000,
      amount_received: 2_000,
      currency: "usd",
      metadata: { attempt_key: "att_1" },
    })
    expect(first.payment_method).toMatch(/^pm_/)
    const again = await gateway.paymentIntents.createAndConfirm(cardPayment(2_000, { attempt_key: "att_1" }), "contract-charge")
    expect(again.id).toBe(first.id)

    const conflict = await rejectionOf(gateway.paymentIntents.createAndConfirm(cardPayment(3_000), "contract-charge"))
    expect(conflict).toBeInstanceOf(StripeCollectError)
    expect(stripeErrorDetails(conflict)?.kind).toBe("idempotency_conflict")
    await expect(gateway.paymentIntents.retrieve(first.id)).resolves.toMatchObject({ id: first.id, status: "succeeded" })
  })

  it("declines pm_card_chargeDeclined with Stripe's codes and message, and replays the decline for the same key", async () => {
    const { gateway } = target()
    const params = { ...cardPayment(), payment_method: "pm_card_chargeDeclined" }
    const declined = await rejectionOf(gateway.paymentIntents.createAndConfirm(params, "contract-decline"))
    expect(isCardDecline(declined)).toBe(true)
    expect(messageOf(declined)).toBe("Your card was declined. [generic_decline]")
    expect(stripeErrorDetails(declined)).toMatchObject({
      code: "card_declined",
      decline_code: "generic_decline",
      status_code: 402,
      payment_intent_status: "requires_payment_method",
    })
    const replayed = await rejectionOf(gateway.paymentIntents.createAndConfirm(params, "contract-decline"))
    expect(stripeErrorDetails(replayed)?.payment_intent_id).toBe(stripeErrorDetails(declined)?.payment_intent_id)

    const poor = await rejectionOf(
      gateway.paymentIntents.createAndConfirm(
        { ...cardPayment(), payment_method: "pm_card_chargeDeclinedInsufficientFunds" },
        "contract-poor"
      )
    )
    expect(messageOf(poor)).toBe("Your card has insufficient funds. [insufficient_funds]")
  })

  it("authorizes, captures part, and refuses to cancel or capture what is done", async () => {
    const { gateway } = target()
    const authorized = await gateway.paymentIntents.createAndConfirm({ ...cardPayment(5_000), capture_method: "manual" }, "contract-auth")
    expect(authorized).toMatchObject({ status: "requires_capture", amount_capturable: 5_000 })
    const captured = await gateway.paymentIntents.capture(authorized.id, { amount_to_capture: 3_000 }, "contract-capture")
    expect(captured).toMatchObject({ status: "succeeded", amount_received: 3_000 })

    const cancel = await rejectionOf(gateway.paymentIntents.cancel(authorized.id, "contract-cancel"))
    expect(stripeErrorDetails(cancel)?.kind).toBe("invalid_request")
    expect(messageOf(cancel)).toBe(
      "Stripe could not cancel the payment: You cannot cancel this PaymentIntent because it has a status of succeeded. Only a PaymentIntent with one of the following statuses may be canceled: requires_payment_method, requires_capture, requires_confirmation, requires_action, processing."
    )
    const recapture = await rejectionOf(gateway.paymentIntents.capture(authorized.id, {}, "contract-recapture"))
    expect(messageOf(recapture)).toMatch(
      /^Stripe could not capture the payment: This PaymentIntent could not be captured because it has a status of succeeded\./
    )

    const open = await gateway.paymentIntents.create(
      { amount: 1_000, currency: "usd", allowed_payment_method_types: ["card"] },
      "contract-open"
    )
    await expect(gateway.paymentIntents.cancel(open.id, "contract-cancel-open")).resolves.toMatchObject({ status: "canceled" })
  })

  it("answers an unknown PaymentIntent with not_found and the same message", async () => {
    const { gateway } = target()
    const missing = await rejectionOf(gateway.paymentIntents.retrieve("pi_missing"))
    expect(stripeErrorDetails(missing)?.kind).toBe("not_found")
    expect(messageOf(missing)).toBe("Stripe could not read the payment: No such payment_intent: 'pi_missing'")
  })

  it("finds PaymentIntents by metadata", async () => {
    const { gateway } = target()
    const mine = await gateway.paymentIntents.createAndConfirm(cardPayment(1_000, { attempt_key: "att_mine" }), "contract-search-1")
    await gateway.paymentIntents.createAndConfirm(cardPayment(1_000, { attempt_key: "att_other" }), "contract-search-2")
    const found = await gateway.paymentIntents.searchByMetadata("attempt_key", "att_mine")
    expect(found.map((pi) => pi.id)).toEqual([mine.id])
    await expect(gateway.paymentIntents.searchByMetadata("attempt_key", "x' OR status:'succeeded")).resolves.toEqual([])
  })

  it("opens, pays and expires Checkout Sessions: a paid one is answered as complete", async () => {
    const { gateway, pay } = target()
    const open = await gateway.checkoutSessions.open(checkoutParams(), "contract-open-1")
    expect(open).toMatchObject({ status: "open", amount_total: 5_000, currency: "usd" })
    await expect(gateway.checkoutSessions.expire(open.id, "contract-expire-1")).resolves.toMatchObject({ status: "expired" })

    const paid = await gateway.checkoutSessions.open(checkoutParams(), "contract-open-2")
    await pay(paid)
    const read = await gateway.checkoutSessions.retrieve(paid.id)
    expect(read).toMatchObject({ status: "complete", payment_status: "paid" })
    const intentId = typeof read.payment_intent === "string" ? read.payment_intent : ""
    await expect(gateway.paymentIntents.retrieve(intentId)).resolves.toMatchObject({
      status: "succeeded",
      amount: 5_000,
      metadata: { payment_link_id: "plink_1" },
    })
    await expect(gateway.checkoutSessions.expire(paid.id, "contract-expire-2")).resolves.toMatchObject({ status: "complete" })
  })

  it("refunds part, then the rest, and refuses more", async () => {
    const { gateway } = target()
    const paid = await gateway.paymentIntents.createAndConfirm(cardPayment(4_000), "contract-refund-charge")
    await expect(gateway.refunds.create({ payment_intent: paid.id, amount: 1_500 }, "contract-refund-1")).resolves.toMatchObject({
      amount: 1_500,
      status: "succeeded",
      payment_intent: paid.id,
    })
    await expect(gateway.refunds.create({ payment_intent: paid.id }, "contract-refund-2")).resolves.toMatchObject({ amount: 2_500 })
    const more = await rejectionOf(gateway.refunds.create({ payment_intent: paid.id, amount: 100 }, "contract-refund-3"))
    expect(stripeErrorDetails(more)?.kind).toBe("invalid_request")
  })

  it("saves a card on a customer, lists it, and treats removing it or the customer twice as done", async () => {
    const { gateway } = target()
    const customer = await gateway.customers.create({ email: "buyer@example.com", name: "Jenny Rosen" }, "contract-customer")
    const setup = await gateway.setupIntents.create(
      {
        customer: customer.id,
        payment_method: "pm_card_visa",
        confirm: true,
        usage: "off_session",
        allowed_payment_method_types: ["card"],
      },
      "contract-setup"
    )
    expect(setup.status).toBe("succeeded")
    const cards = await gateway.customers.listPaymentMethods(customer.id, { type: "card" })
    expect(cards).toHaveLength(1)
    expect(cards[0]).toMatchObject({ id: setup.payment_method, card: { brand: "visa", last4: "4242" } })

    const offSession = await gateway.paymentIntents.createAndConfirm(
      { ...cardPayment(1_200), customer: customer.id, payment_method: cards[0].id, off_session: true },
      "contract-off-session"
    )
    expect(offSession.status).toBe("succeeded")

    await gateway.paymentMethods.detach(cards[0].id, "contract-detach-1")
    await gateway.paymentMethods.detach(cards[0].id, "contract-detach-2")
    await expect(gateway.customers.listPaymentMethods(customer.id)).resolves.toEqual([])
    await gateway.customers.delete(customer.id)
    await gateway.customers.delete(customer.id)
  })
})

describe("the fake's failures match the real gateway's", () => {
  it("a lost answer after Stripe did the work: undecided, then the same key gets the same payment", async () => {
    const real = env.gateway().gateway
    env.sandbox().addFault({ method: "POST", path: "/v1/payment_intents", timeoutAfterProcessing: true, times: "always" })
    const realLost = await rejectionOf(real.paymentIntents.createAndConfirm(cardPayment(), "lost-real"))
    env.sandbox().clearFaults()
    const realRetry = await real.paymentIntents.createAndConfirm(cardPayment(), "lost-real")

    const fake = new FakeStripeGateway()
    fake.failNext("paymentIntents.createAndConfirm", "timeout_after_processing")
    const fakeLost = await rejectionOf(fake.paymentIntents.createAndConfirm(cardPayment(), "lost-fake"))
    const fakeRetry = await fake.paymentIntents.createAndConfirm(cardPayment(), "lost-fake")

    for (const lost of [realLost, fakeLost]) {
      expect(isUndecidedOutcome(lost)).toBe(true)
      expect(messageOf(lost)).toMatch(/^Stripe did not answer while trying to charge the card: .*do not charge again/)
    }
    expect(realRetry.status).toBe("succeeded")
    expect(fakeRetry.status).toBe("succeeded")
    // Stripe did the work once; every later try with the key was a replay.
    expect(env.requestsTo("POST", "/v1/payment_intents").filter((r) => !r.replayed)).toHaveLength(1)
    expect(fake.storedPaymentIntents().map((pi) => pi.id)).toEqual([fakeRetry.id])
    expect(fake.calls("paymentIntents.createAndConfirm").map((c) => [c.idempotencyKey, c.fault, c.replayed, c.outcome])).toEqual([
      ["lost-fake", "timeout_after_processing", false, "error"],
      ["lost-fake", null, true, "ok"],
    ])
  })

  it("rate limited: nothing was done; a 500 or a timeout: undecided, nothing was done", async () => {
    const real = env.gateway().gateway
    env.sandbox().addFault({ method: "POST", path: "/v1/payment_intents", status: 429, times: "always" })
    const realLimited = await rejectionOf(real.paymentIntents.createAndConfirm(cardPayment(), "limited-real"))
    env.sandbox().clearFaults()
    env.sandbox().addFault({ method: "POST", path: "/v1/payment_intents", status: 500, times: "always" })
    const realFailed = await rejectionOf(real.paymentIntents.createAndConfirm(cardPayment(), "failed-real"))

    const fake = new FakeStripeGateway()
    fake.failNext("paymentIntents.createAndConfirm", "rate_limited")
    const fakeLimited = await rejectionOf(fake.paymentIntents.createAndConfirm(cardPayment(), "limited-fake"))
    fake.failNext("paymentIntents.createAndConfirm", { kind: "server_error", times: 1 })
    const fakeFailed = await rejectionOf(fake.paymentIntents.createAndConfirm(cardPayment(), "failed-fake"))
    fake.failNext("paymentIntents.createAndConfirm", "timeout")
    const fakeTimedOut = await rejectionOf(fake.paymentIntents.createAndConfirm(cardPayment(), "timeout-fake"))

    expect(stripeErrorDetails(realLimited)?.kind).toBe("rate_limited")
    expect(stripeErrorDetails(fakeLimited)?.kind).toBe("rate_limited")
    expect(messageOf(fakeLimited)).toBe(messageOf(realLimited))
    expect(isUndecidedOutcome(realFailed)).toBe(true)
    expect(isUndecidedOutcome(fakeFailed)).toBe(true)
    expect(isUndecidedOutcome(fakeTimedOut)).toBe(true)
    expect(fake.storedPaymentIntents()).toEqual([])
    // The fault was used up: the next call goes through.
    await expect(fake.paymentIntents.createAndConfirm(cardPayment(), "after-faults")).resolves.toMatchObject({ status: "succeeded" })
    expect(fake.count("paymentIntents.createAndConfirm")).toBe(4)
  })
})

describe("the fake's own hooks", () => {
  it("keeps each account's objects apart and logs the account of every call", async () => {
    const fake = new FakeStripeGateway()
    const connected = fake.onAccount("acct_store_1")
    const intent = await connected.paymentIntents.createAndConfirm(cardPayment(), "scoped")
    expect(stripeErrorDetails(await rejectionOf(fake.paymentIntents.retrieve(intent.id)))?.kind).toBe("not_found")
    await expect(connected.paymentIntents.retrieve(intent.id)).resolves.toMatchObject({ id: intent.id })
    expect(fake.onAccount(undefined)).toBe(fake)
    expect(fake.calls().map((c) => [c.method, c.account])).toEqual([
      ["paymentIntents.createAndConfirm", "acct_store_1"],
      ["paymentIntents.retrieve", null],
      ["paymentIntents.retrieve", "acct_store_1"],
    ])
    await expect(connected.accounts.retrieveCurrent()).resolves.toMatchObject({ id: "acct_store_1" })
  })

  it("connects by OAuth code once, deauthorizes once, and refuses a revoked account's calls", async () => {
    const fake = new FakeStripeGateway()
    const { code, account } = fake.authorizationCode("acct_oauth_1")
    await expect(fake.oauth.token(code)).resolves.toMatchObject({ stripe_user_id: account })
    expect(stripeErrorDetails(await rejectionOf(fake.oauth.token(code)))?.stripe_type).toBe("StripeInvalidGrantError")
    await expect(fake.oauth.deauthorize("ca_platform", account)).resolves.toBe(true)
    await expect(fake.oauth.deauthorize("ca_platform", account)).resolves.toBe(false)
    const refused = await rejectionOf(fake.onAccount(account).accounts.retrieveCurrent())
    expect(stripeErrorDetails(refused)).toMatchObject({ kind: "authentication", status_code: 403 })
  })

  it("a declining card on Checkout leaves the session open; a good one completes it", async () => {
    const fake = new FakeStripeGateway()
    const session = await fake.checkoutSessions.open(checkoutParams(), "hook-open")
    expect(() => fake.payCheckoutSession(session.id, { paymentMethod: "pm_card_chargeDeclined" })).toThrow("Your card was declined.")
    expect(fake.storedCheckoutSession(session.id)?.status).toBe("open")
    expect(fake.payCheckoutSession(session.id)).toMatchObject({ status: "complete", payment_status: "paid" })
    expect(() => fake.payCheckoutSession(session.id)).toThrow(/complete, not open/)
  })

  it("signs deliveries its webhooks.verify accepts, checked at the delivery time", () => {
    const fake = new FakeStripeGateway()
    const signedAt = new Date(Date.now() - 3_600_000)
    const { rawBody, signature } = fake.signedDelivery({ id: "evt_1", object: "event", type: "checkout.session.completed" }, signedAt)
    expect(fake.webhooks.verify(rawBody, signature, new Date(signedAt.getTime() + 1_000)).id).toBe("evt_1")
    expect(() => fake.webhooks.verify(rawBody, signature, new Date())).toThrow(/tolerance/)
  })
})
