// Contract (sandbox): injected faults per route, the request log, reset, the control API and the dashboard.
import Stripe from "stripe"
import { AGAINST_STRIPE, cardIntent, failure, itSandboxOnly, SANDBOX_KEY, useContractTarget } from "./helpers/contract"
import { getPage } from "./helpers/http"

const target = useContractTarget()

async function control(path: string, method = "GET", body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${target().sandbox().url}${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return { status: response.status, json: await response.json() }
}

describe("faults", () => {
  afterEach(() => {
    if (!AGAINST_STRIPE) target().sandbox().clearFaults()
  })

  itSandboxOnly("answers with an injected status and Stripe's error for it, for the given number of times", async () => {
    const { stripe, sandbox } = target()
    sandbox().addFault({ method: "POST", path: "/v1/payment_intents", status: 500, times: 2 })
    const first = await failure(() => stripe.paymentIntents.create(cardIntent()))
    expect(first.type).toBe("StripeAPIError")
    expect(first.statusCode).toBe(500)
    await failure(() => stripe.paymentIntents.create(cardIntent()))
    await expect(stripe.paymentIntents.create(cardIntent())).resolves.toMatchObject({ object: "payment_intent" })
    const statuses = sandbox()
      .requests()
      .filter((r) => r.path === "/v1/payment_intents")
      .slice(-3)
      .map((r) => [r.status, r.fault])
    expect(statuses).toEqual([
      [500, "status 500"],
      [500, "status 500"],
      [200, null],
    ])
  })

  itSandboxOnly("injects 429 rate limits and card errors on matching paths only", async () => {
    const { stripe, sandbox } = target()
    sandbox().addFault({ path: "/v1/payment_intents/*/capture", status: 429 })
    const authorized = await stripe.paymentIntents.create(
      cardIntent({ capture_method: "manual", payment_method: "pm_card_visa", confirm: true })
    )
    const limited = await failure(() => stripe.paymentIntents.capture(authorized.id))
    expect(limited.type).toBe("StripeRateLimitError")
    expect(limited.statusCode).toBe(429)
    sandbox().addFault({
      path: "/v1/refunds",
      status: 402,
      error: { type: "card_error", code: "card_declined", decline_code: "do_not_honor", message: "Injected" },
    })
    await stripe.paymentIntents.capture(authorized.id)
    const declined = await failure(() => stripe.refunds.create({ payment_intent: authorized.id }))
    expect(declined.type).toBe("StripeCardError")
    expect(declined.decline_code).toBe("do_not_honor")
  })

  itSandboxOnly("adds latency", async () => {
    const { stripe, sandbox } = target()
    sandbox().addFault({ path: "/v1/customers", latencyMs: 250 })
    const started = Date.now()
    await stripe.customers.create({ email: "slow@example.com" })
    expect(Date.now() - started).toBeGreaterThanOrEqual(240)
  })

  itSandboxOnly("drops the connection before processing: nothing is created", async () => {
    const { stripe, sandbox } = target()
    const email = `dropped.${Date.now()}@example.com`
    sandbox().addFault({ path: "/v1/customers", method: "POST", dropConnection: true, times: 2 })
    const error = await failure(() => stripe.customers.create({ email }))
    expect(error.type).toBe("StripeConnectionError")
    expect((await stripe.customers.list({ email })).data).toHaveLength(0)
  })

  itSandboxOnly("times out after processing: the retry with the same key is replayed, and it happened once", async () => {
    const { sandbox } = target()
    const stripe = new Stripe(SANDBOX_KEY, { ...sandbox().stripe, maxNetworkRetries: 0 })
    const customer = await stripe.customers.create({ email: "timeout@example.com" })
    sandbox().addFault({ path: "/v1/payment_intents", method: "POST", timeoutAfterProcessing: true, times: 2 })
    const idempotencyKey = `timeout-${Date.now()}`
    const error = await failure(() =>
      stripe.paymentIntents.create(cardIntent({ customer: customer.id, payment_method: "pm_card_visa", confirm: true }), { idempotencyKey })
    )
    expect(error.type).toBe("StripeConnectionError")
    const retried = await stripe.paymentIntents.create(
      cardIntent({ customer: customer.id, payment_method: "pm_card_visa", confirm: true }),
      { idempotencyKey }
    )
    expect(retried.status).toBe("succeeded")
    const intents = await stripe.paymentIntents.list({ customer: customer.id })
    expect(intents.data.map((i) => i.id)).toEqual([retried.id])
    const attempts = sandbox()
      .requests()
      .filter((r) => r.idempotencyKey === idempotencyKey)
    expect(attempts.map((r) => r.replayed)).toEqual([false, true, true])
  })

  itSandboxOnly("is managed through the control API too", async () => {
    const added = await control("/_sandbox/faults", "POST", { path: "/v1/customers", status: 503, times: "always" })
    expect(added.json.id).toMatch(/^fault_/)
    const listed = await control("/_sandbox/faults")
    expect(listed.json.data).toEqual([expect.objectContaining({ path: "/v1/customers", status: 503, remaining: "always" })])
    const error = await failure(() => target().stripe.customers.list())
    expect(error.statusCode).toBe(503)
    const removed = await control(`/_sandbox/faults/${added.json.id}`, "DELETE")
    expect(removed.status).toBe(200)
    await expect(target().stripe.customers.list()).resolves.toMatchObject({ object: "list" })
  })
})

describe("control API and dashboard", () => {
  itSandboxOnly("lists, filters and clears the requests received", async () => {
    const { stripe, sandbox } = target()
    sandbox().clearRequests()
    const intent = await stripe.paymentIntents.create(cardIntent())
    await stripe.paymentIntents.retrieve(intent.id, { expand: ["latest_charge"] })
    const log = await control(`/_sandbox/requests?method=GET&path=/v1/payment_intents/${intent.id}`)
    expect(log.json.data).toEqual([expect.objectContaining({ method: "GET", status: 200, params: { expand: { "0": "latest_charge" } } })])
    expect(sandbox().requests()).toHaveLength(2)
    await control("/_sandbox/requests", "DELETE")
    expect(sandbox().requests()).toHaveLength(0)
  })

  itSandboxOnly("times each request from arrival to answer, on the caller's clock (benchmarks split a call's time by it)", async () => {
    const { stripe, sandbox } = target()
    const mark = sandbox().markRequests()
    sandbox().addFault({ method: "GET", path: "/v1/payment_intents/*", latencyMs: 60 })
    const sentAt = performance.timeOrigin + performance.now()
    const intent = await stripe.paymentIntents.create(cardIntent())
    await stripe.paymentIntents.retrieve(intent.id)
    const doneAt = performance.timeOrigin + performance.now()
    const [created, slow] = sandbox().requests({ since: mark })
    expect(created.receivedAt).toBeGreaterThanOrEqual(sentAt)
    expect(created.answeredAt).toBeGreaterThanOrEqual(created.receivedAt)
    expect(slow.receivedAt).toBeGreaterThanOrEqual(created.answeredAt ?? Infinity)
    expect((slow.answeredAt ?? 0) - slow.receivedAt).toBeGreaterThanOrEqual(59)
    expect(slow.answeredAt).toBeLessThanOrEqual(doneAt)
  })

  itSandboxOnly("counts requests per operation since a mark, in process and over HTTP", async () => {
    const { stripe, sandbox } = target()
    await stripe.customers.create({ email: "before-mark@example.com" })
    const mark = sandbox().markRequests()
    const intent = await stripe.paymentIntents.create(cardIntent({ metadata: { order_id: "count_1" } }))
    await stripe.paymentIntents.retrieve(intent.id)
    await stripe.paymentIntents.confirm(intent.id, { payment_method: "pm_card_visa" })
    await stripe.paymentIntents.search({ query: "metadata['order_id']:'count_1'" })
    await failure(() => stripe.paymentIntents.retrieve("pi_3DoesNotExist000000000000"))
    const unknownRoute = await fetch(`${sandbox().url}/v1/not_a_resource`, { headers: { authorization: `Bearer ${SANDBOX_KEY}` } })
    expect(unknownRoute.status).toBe(404)

    const counts = sandbox().requestCounts({ since: mark })
    expect(counts).toEqual({
      since: mark,
      total: 6,
      byOperation: {
        "POST /v1/payment_intents": 1,
        "GET /v1/payment_intents/{intent}": 2,
        "POST /v1/payment_intents/{intent}/confirm": 1,
        "GET /v1/payment_intents/search": 1,
        "GET /v1/not_a_resource": 1,
      },
    })
    expect(
      sandbox()
        .requests({ since: mark, operation: "GET /v1/payment_intents/{intent}" })
        .map((r) => r.status)
    ).toEqual([200, 404])
    expect(sandbox().requestCounts().total).toBeGreaterThan(counts.total)

    // The same over HTTP, for a Medusa server or benchmark in another process; a mark survives clearing the log.
    const marked = await control("/_sandbox/requests/mark", "POST")
    expect(marked.json.mark).toBe(mark + 6)
    sandbox().clearRequests()
    await stripe.paymentIntents.search({ query: "status:'succeeded'" })
    await stripe.paymentIntents.search({ query: "status:'canceled'" })
    const overHttp = await control(`/_sandbox/requests/counts?since=${String(marked.json.mark)}&method=GET`)
    expect(overHttp.json).toEqual({ since: mark + 6, total: 2, byOperation: { "GET /v1/payment_intents/search": 2 } })
    const listed = await control(
      `/_sandbox/requests?since=${String(marked.json.mark)}&operation=${encodeURIComponent("GET /v1/payment_intents/search")}`
    )
    expect((listed.json.data as { params: { query: string } }[]).map((r) => r.params.query)).toEqual([
      "status:'succeeded'",
      "status:'canceled'",
    ])
    expect((await control("/_sandbox/requests/counts?since=soon")).status).toBe(400)
  })

  itSandboxOnly("resets every object", async () => {
    const { stripe, sandbox } = target()
    const customer = await stripe.customers.create({ email: "gone@example.com" })
    sandbox().reset()
    const error = await failure(() => stripe.customers.retrieve(customer.id))
    expect(error.statusCode).toBe(404)
    expect(sandbox().requests()).toHaveLength(1)
    const viaApi = await control("/_sandbox/reset", "POST")
    expect(viaApi.json).toEqual({ ok: true })
  })

  itSandboxOnly("shows payments, sessions and events on the dashboard", async () => {
    const { stripe, sandbox } = target()
    const intent = await stripe.paymentIntents.create(
      cardIntent({ payment_method: "pm_card_visa", confirm: true, metadata: { order_id: "dash_1" } })
    )
    const session = await stripe.checkout.sessions.create({
      mode: "payment",
      success_url: "https://shop.example/ok",
      line_items: [{ price_data: { currency: "eur", unit_amount: 1234, product_data: { name: "Dashboard item" } }, quantity: 1 }],
    })
    const page = await getPage(`${sandbox().url}/_sandbox`)
    expect(page.status).toBe(200)
    expect(page.body).toContain(intent.id)
    expect(page.body).toContain("dash_1")
    expect(page.body).toContain(session.id.slice(0, 24))
    expect(page.body).toContain("payment_intent.succeeded")
    const health = await control("/_sandbox/health")
    expect(health.json).toMatchObject({ ok: true, apiVersion: Stripe.API_VERSION })
  })
})
