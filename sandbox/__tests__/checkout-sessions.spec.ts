// Contract: Checkout Sessions (mode=payment) and, on the sandbox, its hosted payment page driven over plain HTTP.
import type Stripe from "stripe"
import { failure, itSandboxOnly, useContractTarget } from "./helpers/contract"
import { card, getPage, postForm } from "./helpers/http"

const target = useContractTarget()
const now = () => Math.floor(Date.now() / 1000)

function sessionParams(extra: Partial<Stripe.Checkout.SessionCreateParams> = {}): Stripe.Checkout.SessionCreateParams {
  return {
    mode: "payment",
    line_items: [
      { price_data: { currency: "usd", unit_amount: 2500, product_data: { name: "Invoice #1001" } }, quantity: 1 },
      { price_data: { currency: "usd", unit_amount: 500, product_data: { name: "Shipping" } }, quantity: 2 },
    ],
    customer_email: "buyer@example.com",
    success_url: "https://shop.example/pay/tok_1/return?session_id={CHECKOUT_SESSION_ID}",
    cancel_url: "https://shop.example/pay/tok_1",
    metadata: { payment_link_id: "plink_1" },
    payment_intent_data: { metadata: { order_id: "order_1", payment_link_id: "plink_1" } },
    ...extra,
  }
}

describe("Checkout Sessions", () => {
  it("creates an open session with totals, metadata and a URL to pay at", async () => {
    const { stripe } = target()
    const session = await stripe.checkout.sessions.create(sessionParams({ expires_at: now() + 3600 }))
    expect(session).toMatchObject({
      object: "checkout.session",
      mode: "payment",
      status: "open",
      payment_status: "unpaid",
      amount_subtotal: 3500,
      amount_total: 3500,
      currency: "usd",
      customer_email: "buyer@example.com",
      metadata: { payment_link_id: "plink_1" },
      livemode: false,
    })
    expect(session.id).toMatch(/^cs_test_/)
    expect(session.url).toMatch(/^https?:\/\//)
    expect(session.expires_at).toBeGreaterThanOrEqual(now() + 3500)
    const items = await stripe.checkout.sessions.listLineItems(session.id)
    expect(items.data.map((li) => [li.description, li.quantity, li.amount_total])).toEqual([
      ["Invoice #1001", 1, 2500],
      ["Shipping", 2, 1000],
    ])
    const retrieved = await stripe.checkout.sessions.retrieve(session.id, { expand: ["line_items"] })
    expect(retrieved.line_items?.data).toHaveLength(2)
  })

  it("keeps expires_at between 30 minutes and 24 hours", async () => {
    const { stripe } = target()
    const soon = await failure(() => stripe.checkout.sessions.create(sessionParams({ expires_at: now() + 10 * 60 })))
    expect(soon.statusCode).toBe(400)
    expect(soon.param).toBe("expires_at")
    const late = await failure(() => stripe.checkout.sessions.create(sessionParams({ expires_at: now() + 25 * 3600 })))
    expect(late.param).toBe("expires_at")
    const ok = await stripe.checkout.sessions.create(sessionParams({ expires_at: now() + 23 * 3600 }))
    expect(ok.status).toBe("open")
  })

  it("rejects customer together with customer_email, and missing line items", async () => {
    const { stripe } = target()
    const customer = await stripe.customers.create({ email: "c@example.com" })
    const both = await failure(() => stripe.checkout.sessions.create(sessionParams({ customer: customer.id })))
    expect(both.statusCode).toBe(400)
    const none = await failure(() => stripe.checkout.sessions.create({ mode: "payment", success_url: "https://shop.example/ok" }))
    expect(none.statusCode).toBe(400)
    const noQuantity = await failure(() =>
      stripe.checkout.sessions.create({
        mode: "payment",
        success_url: "https://shop.example/ok",
        line_items: [{ price_data: { currency: "usd", unit_amount: 1000, product_data: { name: "x" } } }],
      })
    )
    expect(noQuantity.statusCode).toBe(400)
  })

  it("expires an open session, and only once", async () => {
    const { stripe } = target()
    const session = await stripe.checkout.sessions.create(sessionParams())
    const expired = await stripe.checkout.sessions.expire(session.id)
    expect(expired).toMatchObject({ status: "expired", url: null })
    const again = await failure(() => stripe.checkout.sessions.expire(session.id))
    expect(again.statusCode).toBe(400)
    const missing = await failure(() => stripe.checkout.sessions.retrieve("cs_test_a1DoesNotExist"))
    expect(missing.statusCode).toBe(404)
  })

  it("lists sessions", async () => {
    const { stripe } = target()
    const session = await stripe.checkout.sessions.create(sessionParams())
    const list = await stripe.checkout.sessions.list({ limit: 100 })
    expect(list.data.map((s) => s.id)).toContain(session.id)
  })
})

describe("the hosted Checkout page", () => {
  itSandboxOnly("takes a card, redirects to success_url with the session id, and completes the session", async () => {
    const { stripe, sandbox } = target()
    const session = await stripe.checkout.sessions.create(sessionParams())
    const page = await getPage(String(session.url))
    expect(page.status).toBe(200)
    expect(page.body).toContain('name="card_number"')
    expect(page.body).toContain("$35.00")

    sandbox().clearRequests()
    const paid = await postForm(String(session.url), card("4242 4242 4242 4242"))
    expect(paid.status).toBe(303)
    expect(paid.location).toBe(`https://shop.example/pay/tok_1/return?session_id=${session.id}`)
    expect(sandbox().requests()).toEqual([])

    const completed = await stripe.checkout.sessions.retrieve(session.id, { expand: ["payment_intent.latest_charge"] })
    expect(completed).toMatchObject({ status: "complete", payment_status: "paid", url: null })
    expect(completed.customer_details?.email).toBe("buyer@example.com")
    const intent = completed.payment_intent
    if (!intent || typeof intent === "string") throw new Error("payment_intent was not expanded")
    expect(intent).toMatchObject({
      status: "succeeded",
      amount: 3500,
      amount_received: 3500,
      metadata: { order_id: "order_1", payment_link_id: "plink_1" },
    })
    expect(intent.latest_charge).toMatchObject({ payment_method_details: { card: { brand: "visa", last4: "4242" } } })

    const events = await stripe.events.list({ limit: 20 })
    const about = (e: Stripe.Event) => ("id" in e.data.object ? e.data.object.id : undefined)
    const forSession = (e: Stripe.Event) =>
      about(e) === session.id || about(e) === intent.id || ("payment_intent" in e.data.object && e.data.object.payment_intent === intent.id)
    expect(events.data.filter(forSession).map((e) => e.type)).toEqual(
      expect.arrayContaining(["checkout.session.completed", "payment_intent.succeeded", "charge.succeeded", "payment_intent.created"])
    )
    const closed = await getPage(String(session.url))
    expect(closed.status).toBe(410)
  })

  itSandboxOnly("shows a decline on the page and keeps the session open for another card", async () => {
    const { stripe } = target()
    const session = await stripe.checkout.sessions.create(sessionParams())
    const declined = await postForm(String(session.url), card("4000 0000 0000 0002"))
    expect(declined.status).toBe(402)
    expect(declined.body).toContain("Your card was declined.")
    expect(declined.body).toContain('data-testid="checkout-error"')
    const stillOpen = await stripe.checkout.sessions.retrieve(session.id)
    expect(stillOpen.status).toBe("open")
    expect(stillOpen.payment_intent).toMatch(/^pi_/)
    const failedIntent = await stripe.paymentIntents.retrieve(String(stillOpen.payment_intent))
    expect(failedIntent.status).toBe("requires_payment_method")

    const paid = await postForm(String(session.url), card("4242424242424242"))
    expect(paid.status).toBe(303)
    const done = await stripe.checkout.sessions.retrieve(session.id)
    expect(done.payment_intent).toBe(stillOpen.payment_intent)
    expect(done.payment_status).toBe("paid")
  })

  itSandboxOnly("asks for 3-D Secure with 4000 0025 0000 3155: fail keeps it open, approve completes it", async () => {
    const { stripe } = target()
    const session = await stripe.checkout.sessions.create(sessionParams())
    const challenge = await postForm(String(session.url), card("4000002500003155"))
    expect(challenge.status).toBe(200)
    expect(challenge.body).toContain('name="action" value="approve"')
    const failed = await postForm(`${session.url}/authenticate`, { action: "fail" })
    expect(failed.status).toBe(402)
    expect(failed.body).toMatch(/unable to authenticate/)
    expect((await stripe.checkout.sessions.retrieve(session.id)).status).toBe("open")

    await postForm(String(session.url), card("4000002500003155"))
    const approved = await postForm(`${session.url}/authenticate`, { action: "approve" })
    expect(approved.status).toBe(303)
    expect((await stripe.checkout.sessions.retrieve(session.id)).status).toBe("complete")
  })

  itSandboxOnly("asks for an email when the session has none, and refuses an expired session", async () => {
    const { stripe } = target()
    const session = await stripe.checkout.sessions.create(sessionParams({ customer_email: undefined }))
    const page = await getPage(String(session.url))
    expect(page.body).toContain('name="email"')
    const noEmail = await postForm(String(session.url), card("4242424242424242"))
    expect(noEmail.status).toBe(402)
    const paid = await postForm(String(session.url), card("4242424242424242", { email: "walkin@example.com" }))
    expect(paid.status).toBe(303)
    expect((await stripe.checkout.sessions.retrieve(session.id)).customer_details?.email).toBe("walkin@example.com")

    const other = await stripe.checkout.sessions.create(sessionParams())
    await stripe.checkout.sessions.expire(other.id)
    const gone = await postForm(`${target().sandbox().url}/checkout/${other.id}`, card("4242424242424242"))
    expect(gone.status).toBe(410)
  })

  itSandboxOnly("captures later when payment_intent_data.capture_method is manual", async () => {
    const { stripe } = target()
    const session = await stripe.checkout.sessions.create(sessionParams({ payment_intent_data: { capture_method: "manual" } }))
    await postForm(String(session.url), card("4242424242424242"))
    const done = await stripe.checkout.sessions.retrieve(session.id, { expand: ["payment_intent"] })
    expect(done.status).toBe("complete")
    expect(done.payment_status).toBe("unpaid")
    expect(done.payment_intent).toMatchObject({ status: "requires_capture" })
  })
})
