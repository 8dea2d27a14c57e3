// The gateway's resources over HTTP against the sandbox: account scoping, "already done" answers, search, webhooks.
import Stripe from "stripe"
import { stripeErrorDetails, StripeCollectError } from "../errors"
import { metadataQuery } from "../resources/payment-intents"
import { cardPayment, rejectionOf, SANDBOX_WEBHOOK_SECRET, useSandboxGateways } from "./helpers/sandbox-gateway"

const env = useSandboxGateways()
const CLIENT_ID = "ca_gateway_spec_platform"

const checkoutParams = (): Stripe.Checkout.SessionCreateParams => ({
  mode: "payment",
  line_items: [{ price_data: { currency: "usd", unit_amount: 2_500, product_data: { name: "Invoice #1001" } }, quantity: 1 }],
  success_url: "https://shop.example/pay/tok_1/return?session_id={CHECKOUT_SESSION_ID}",
  cancel_url: "https://shop.example/pay/tok_1",
  payment_intent_data: { metadata: { payment_link_id: "plink_1" } },
})

/** Pays an open session on the sandbox's hosted Checkout page, as a customer would. */
async function payOnCheckoutPage(url: string): Promise<void> {
  const answer = await fetch(url, {
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
}

/** Plays the merchant on the sandbox's Connect consent page; returns the authorization code. */
async function authorizationCode(businessName: string): Promise<string> {
  const authorize = new URL("/oauth/authorize", env.sandbox().url)
  authorize.search = new URLSearchParams({
    response_type: "code",
    client_id: CLIENT_ID,
    scope: "read_write",
    redirect_uri: "https://admin.shop.example/callback",
    state: "s",
  }).toString()
  const page = await (await fetch(authorize)).text()
  const fields: Record<string, string> = { decision: "allow", business_name: businessName, email: "owner@store.example" }
  for (const [, name, value] of page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields[name.replace(/&#39;/g, "'")] = value.replace(/&amp;/g, "&")
  }
  const answer = await fetch(new URL("/oauth/authorize", env.sandbox().url), {
    method: "POST",
    redirect: "manual",
    body: new URLSearchParams(fields),
  })
  const code = new URL(answer.headers.get("location") ?? "").searchParams.get("code")
  if (!code) throw new Error("The consent page gave no code")
  return code
}

describe("account scoping", () => {
  it("sends Stripe-Account on calls made through onAccount(account), and none on the key's own", async () => {
    const { gateway } = env.gateway()
    const token = await gateway.oauth.token(await authorizationCode("Scoped Store"))
    const account = token.stripe_user_id ?? ""
    expect(account).toMatch(/^acct_/)

    const scoped = gateway.onAccount(account)
    expect(scoped.account).toBe(account)
    expect(gateway.onAccount(account)).toBe(scoped)
    expect(gateway.onAccount(undefined)).toMatchObject({ account: undefined })
    const connected = await scoped.accounts.retrieveCurrent()
    expect(connected).toMatchObject({ id: account })
    const own = await gateway.accounts.retrieveCurrent()
    expect(own.id).not.toBe(account)

    const intent = await scoped.paymentIntents.createAndConfirm(cardPayment(), "scoped-charge")
    expect(env.requestsTo("POST", "/v1/payment_intents")[0]).toMatchObject({ account, idempotencyKey: "scoped-charge" })
    expect(env.requestsTo("GET", "/v1/account").map((r) => r.account)).toEqual([account, null])
    // The platform's own account does not have the connected account's payment.
    expect(stripeErrorDetails(await rejectionOf(gateway.paymentIntents.retrieve(intent.id)))?.kind).toBe("not_found")
    await expect(scoped.paymentIntents.retrieve(intent.id)).resolves.toMatchObject({ id: intent.id })
    // OAuth is the platform's: never scoped.
    expect(env.requestsTo("POST", "/oauth/token")[0].account).toBeNull()
  })

  it("refuses an account id that is not one", () => {
    const { gateway } = env.gateway()
    expect(() => gateway.onAccount("cus_123")).toThrow(/not a Stripe account id/)
  })

  it("deauthorizes once, then answers false (already revoked) instead of throwing", async () => {
    const { gateway } = env.gateway()
    const token = await gateway.oauth.token(await authorizationCode("Leaving Store"))
    const account = token.stripe_user_id ?? ""
    await expect(gateway.oauth.deauthorize(CLIENT_ID, account)).resolves.toBe(true)
    await expect(gateway.oauth.deauthorize(CLIENT_ID, account)).resolves.toBe(false)
  })

  it("exchanges a code once: a used code is Stripe's refusal, mapped, and never repeated", async () => {
    const { gateway } = env.gateway()
    const code = await authorizationCode("Once Store")
    await gateway.oauth.token(code)
    const error = await rejectionOf(gateway.oauth.token(code))
    expect(error).toBeInstanceOf(StripeCollectError)
    expect(stripeErrorDetails(error)?.stripe_type).toBe("StripeInvalidGrantError")
    expect(env.requestsTo("POST", "/oauth/token")).toHaveLength(2)
  })

  it("does not repeat a code exchange whose answer was lost (a second use would revoke the grant)", async () => {
    const { gateway } = env.gateway({ maxNetworkRetries: 3 })
    const code = await authorizationCode("Lost Answer Store")
    env.sandbox().addFault({ method: "POST", path: "/oauth/token", status: 500 })
    const error = await rejectionOf(gateway.oauth.token(code))
    expect(stripeErrorDetails(error)?.kind).toBe("undecided")
    expect(env.requestsTo("POST", "/oauth/token")).toHaveLength(1)
  })
})

describe("Checkout Sessions", () => {
  it("expires an open session, and answers a paid one as it is instead of throwing", async () => {
    const { gateway } = env.gateway()
    const open = await gateway.checkoutSessions.open(checkoutParams(), "open-1")
    await expect(gateway.checkoutSessions.expire(open.id, "expire-1")).resolves.toMatchObject({ id: open.id, status: "expired" })

    const paid = await gateway.checkoutSessions.open(checkoutParams(), "open-2")
    await payOnCheckoutPage(paid.url ?? "")
    const answered = await gateway.checkoutSessions.expire(paid.id, "expire-2")
    expect(answered).toMatchObject({ id: paid.id, status: "complete", payment_status: "paid" })
    // Stripe refused the expire (400); the gateway then read the session.
    expect(env.requestsTo("POST", `/v1/checkout/sessions/${paid.id}/expire`).map((r) => r.status)).toEqual([400])
    expect(env.requestsTo("GET", `/v1/checkout/sessions/${paid.id}`)).toHaveLength(1)

    // Expired already: the same answer, no error.
    await expect(gateway.checkoutSessions.expire(open.id, "expire-3")).resolves.toMatchObject({ status: "expired" })
  })

  it("still throws when the session does not exist", async () => {
    const { gateway } = env.gateway()
    const error = await rejectionOf(gateway.checkoutSessions.expire("cs_test_missing", "expire-missing"))
    expect(stripeErrorDetails(error)?.kind).toBe("not_found")
  })
})

describe("customers and saved cards", () => {
  it("lists saved cards, detaches one twice and deletes the customer twice, counting 'already gone' as done", async () => {
    const { gateway } = env.gateway()
    const customer = await gateway.customers.create({ email: "buyer@example.com" }, "customer-1")
    const setup = await gateway.setupIntents.create(
      {
        customer: customer.id,
        payment_method: "pm_card_visa",
        confirm: true,
        usage: "off_session",
        allowed_payment_method_types: ["card"],
      },
      "setup-1"
    )
    expect(setup.status).toBe("succeeded")
    const cards = await gateway.customers.listPaymentMethods(customer.id, { type: "card" })
    expect(cards.map((c) => c.id)).toEqual([setup.payment_method])

    await gateway.paymentMethods.detach(cards[0].id, "detach-1")
    await expect(gateway.paymentMethods.detach(cards[0].id, "detach-2")).resolves.toBeUndefined()
    await expect(gateway.paymentMethods.detach("pm_missing", "detach-3")).resolves.toBeUndefined()
    await expect(gateway.customers.listPaymentMethods(customer.id)).resolves.toEqual([])

    await gateway.customers.delete(customer.id)
    await expect(gateway.customers.delete(customer.id)).resolves.toBeUndefined()
    expect(env.requestsTo("DELETE", `/v1/customers/${customer.id}`).map((r) => r.status)).toEqual([200, 404])
  })
})

describe("searchByMetadata", () => {
  it("writes one quoted clause, escaping quotes and backslashes so a value cannot add clauses", () => {
    expect(metadataQuery("attempt_key", "att_1")).toBe("metadata['attempt_key']:'att_1'")
    expect(metadataQuery("k", "x' OR status:'succeeded")).toBe("metadata['k']:'x\\' OR status:\\'succeeded'")
    expect(metadataQuery("k", "a\\")).toBe("metadata['k']:'a\\\\'")
  })

  it("finds the PaymentIntents with that metadata only, across pages", async () => {
    const { gateway } = env.gateway()
    for (let i = 0; i < 103; i++) {
      await gateway.paymentIntents.create(
        { amount: 1_000 + i, currency: "usd", allowed_payment_method_types: ["card"], metadata: { batch: "many" } },
        `search-many-${i}`
      )
    }
    const mine = await gateway.paymentIntents.createAndConfirm(cardPayment(2_000, { attempt_key: "att_42" }), "search-mine")
    await gateway.paymentIntents.createAndConfirm(cardPayment(2_000, { attempt_key: "att_43" }), "search-other")

    const found = await gateway.paymentIntents.searchByMetadata("attempt_key", "att_42")
    expect(found.map((pi) => pi.id)).toEqual([mine.id])
    const many = await gateway.paymentIntents.searchByMetadata("batch", "many")
    expect(many).toHaveLength(103)
    expect(new Set(many.map((pi) => pi.id)).size).toBe(103)
    expect(env.requestsTo("GET", "/v1/payment_intents/search").filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(3)
  })

  it("does not let a value with quotes widen the search", async () => {
    const { gateway } = env.gateway()
    await gateway.paymentIntents.createAndConfirm(cardPayment(2_000, { attempt_key: "att_1" }), "quoted-1")
    const found = await gateway.paymentIntents.searchByMetadata("attempt_key", "nope' OR status:'succeeded")
    expect(found).toEqual([])
    const quoted = await gateway.paymentIntents.createAndConfirm(cardPayment(2_000, { attempt_key: "o'brien" }), "quoted-2")
    await expect(gateway.paymentIntents.searchByMetadata("attempt_key", "o'brien")).resolves.toMatchObject([{ id: quoted.id }])
  })
})

describe("webhooks.verify", () => {
  const payload = JSON.stringify({
    id: "evt_1",
    object: "event",
    type: "payment_intent.succeeded",
    data: { object: { id: "pi_1", object: "payment_intent" } },
  })
  const signedAt = (seconds: number) =>
    Stripe.webhooks.generateTestHeaderString({ payload, secret: SANDBOX_WEBHOOK_SECRET, timestamp: seconds })

  it("accepts a signature as old as it was when the delivery arrived, not as old as it is now", () => {
    const { gateway } = env.gateway()
    const signedTenMinutesAgo = Math.floor(Date.now() / 1000) - 600
    const signature = signedAt(signedTenMinutesAgo)
    const arrived = new Date((signedTenMinutesAgo + 5) * 1000)

    expect(gateway.webhooks.verify(payload, signature, arrived)).toMatchObject({ id: "evt_1", type: "payment_intent.succeeded" })
    expect(gateway.webhooks.verify(Buffer.from(payload), signature, arrived).id).toBe("evt_1")
    expect(() => gateway.webhooks.verify(payload, signature, new Date())).toThrow(/tolerance/)
  })

  it("refuses a tampered body, another secret, a missing header and a delivery past 300 s", () => {
    const { gateway } = env.gateway()
    const now = Math.floor(Date.now() / 1000)
    const signature = signedAt(now)
    expect(() => gateway.webhooks.verify(payload.replace("pi_1", "pi_2"), signature, new Date())).toThrow(/signature verification failed/)
    const forged = Stripe.webhooks.generateTestHeaderString({ payload, secret: "whsec_someone_else", timestamp: now })
    expect(() => gateway.webhooks.verify(payload, forged, new Date())).toThrow(/signature verification failed/)
    expect(() => gateway.webhooks.verify(payload, "", new Date())).toThrow(/Stripe-Signature header is missing/)
    expect(() => gateway.webhooks.verify(payload, signature, new Date((now + 301) * 1000))).toThrow(/tolerance/)
    expect(gateway.webhooks.verify(payload, signature, new Date((now + 299) * 1000)).id).toBe("evt_1")
    let refusal: unknown
    try {
      gateway.webhooks.verify(payload, forged, new Date())
    } catch (error) {
      refusal = error
    }
    expect(refusal).toMatchObject({ type: "invalid_data" })
  })
})

describe("testMode", () => {
  it("is true for a test key and false for a live one", () => {
    expect(env.gateway().gateway.testMode).toBe(true)
    expect(env.gateway({ apiKey: "sk_live_abc" }).gateway.testMode).toBe(false)
  })
})
