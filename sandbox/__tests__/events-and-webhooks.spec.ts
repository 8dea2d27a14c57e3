// Contract: events (list/retrieve) and, on the sandbox, webhook delivery signed exactly like Stripe, with retries.
import Stripe from "stripe"
import { cardIntent, failure, itSandboxOnly, SANDBOX_KEY, useContractTarget } from "./helpers/contract"
import { startWebhookReceiver, type WebhookReceiver } from "./helpers/webhook-receiver"

const target = useContractTarget()
const verifier = new Stripe("sk_test_verifier_only")

let receiver: WebhookReceiver | undefined
afterEach(async () => {
  await receiver?.close()
  receiver = undefined
})

/** Events delivered to the receiver, each verified with the official SDK. */
function verified(secret: string): Stripe.Event[] {
  return (receiver?.received ?? []).map((w) => verifier.webhooks.constructEvent(w.rawBody, w.signature, secret))
}

const objectId = (event: Stripe.Event) => ("id" in event.data.object ? event.data.object.id : undefined)

describe("events", () => {
  it("records events for state changes and serves them by id and by type", async () => {
    const { stripe } = target()
    const intent = await stripe.paymentIntents.create(cardIntent({ payment_method: "pm_card_visa", confirm: true }))
    const succeeded = await stripe.events.list({ type: "payment_intent.succeeded", limit: 10 })
    const event = succeeded.data.find((e) => objectId(e) === intent.id)
    expect(event).toBeDefined()
    expect(event?.id).toMatch(/^evt_/)
    expect(event).toMatchObject({ object: "event", type: "payment_intent.succeeded", livemode: false })
    const retrieved = await stripe.events.retrieve(event?.id ?? "")
    expect(retrieved.data.object).toMatchObject({ id: intent.id, object: "payment_intent", status: "succeeded" })
    const charges = await stripe.events.list({ type: "charge.*", limit: 10 })
    expect(charges.data.some((e) => e.type === "charge.succeeded")).toBe(true)
    const missing = await failure(() => stripe.events.retrieve("evt_3DoesNotExist00000000000"))
    expect(missing.statusCode).toBe(404)
  })
})

describe("webhook delivery", () => {
  itSandboxOnly("delivers events to the default URL, signed so stripe.webhooks.constructEvent verifies them", async () => {
    const { stripe, sandbox } = target()
    receiver = await startWebhookReceiver()
    sandbox().setWebhookUrl(receiver.url)
    const intent = await stripe.paymentIntents.create(
      cardIntent({ payment_method: "pm_card_visa", confirm: true, metadata: { order_id: "o_42" } })
    )
    await receiver.waitFor(3)
    await sandbox().webhooksSettled()
    const events = verified(sandbox().webhookSecret)
    expect(events.map((e) => e.type)).toEqual(["payment_intent.created", "charge.succeeded", "payment_intent.succeeded"])
    const succeeded = events[2]
    expect(succeeded.data.object).toMatchObject({ id: intent.id, status: "succeeded", metadata: { order_id: "o_42" } })
    expect(succeeded.api_version).toBe(Stripe.API_VERSION)
    expect(succeeded.account).toBeUndefined()
    expect(succeeded.request?.idempotency_key).toMatch(/^stripe-node-retry-/)
    expect(receiver.received[0].signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/)
    expect(receiver.received[0].userAgent).toMatch(/^Stripe\/1\.0/)
    expect(receiver.received[0].contentType).toMatch(/^application\/json/)
    expect(() =>
      verifier.webhooks.constructEvent(receiver?.received[0].rawBody ?? "", receiver?.received[0].signature ?? "", "whsec_wrong")
    ).toThrow(Stripe.errors.StripeSignatureVerificationError)
    sandbox().setWebhookUrl(null)
  })

  itSandboxOnly("retries with backoff while the endpoint answers non-2xx", async () => {
    const { stripe, sandbox } = target()
    receiver = await startWebhookReceiver()
    receiver.respondWith((n) => (n <= 2 ? 500 : 200))
    sandbox().setWebhookUrl(receiver.url)
    const customer = await stripe.customers.create({ email: "retry@example.com" })
    await receiver.waitFor(3, 5000)
    await sandbox().webhooksSettled()
    sandbox().setWebhookUrl(null)
    const events = verified(sandbox().webhookSecret)
    expect(events.map((e) => [e.type, objectId(e)])).toEqual([
      ["customer.created", customer.id],
      ["customer.created", customer.id],
      ["customer.created", customer.id],
    ])
    expect(new Set(events.map((e) => e.id)).size).toBe(1)
    const attempts = sandbox()
      .webhookDeliveries()
      .filter((d) => d.eventId === events[0].id)
    expect(attempts.map((d) => [d.attempt, d.status])).toEqual([
      [1, 500],
      [2, 500],
      [3, 200],
    ])
    // The suite's sandbox waits 50 ms, then 100 ms (doubling) between attempts.
    expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(45)
    expect(attempts[2].at - attempts[1].at).toBeGreaterThanOrEqual(95)
    const stored = await stripe.events.retrieve(events[0].id)
    expect(stored.pending_webhooks).toBe(0)
  })

  itSandboxOnly("delivers to endpoints created through the API with their own secret and event filter", async () => {
    const { stripe, sandbox } = target()
    receiver = await startWebhookReceiver()
    const endpoint = await stripe.webhookEndpoints.create({
      url: receiver.url,
      enabled_events: ["charge.refunded", "payment_intent.succeeded"],
    })
    expect(endpoint.secret).toMatch(/^whsec_/)
    expect(endpoint.status).toBe("enabled")
    const listed = await stripe.webhookEndpoints.retrieve(endpoint.id)
    expect(listed.secret).toBeUndefined()

    const intent = await stripe.paymentIntents.create(cardIntent({ payment_method: "pm_card_visa", confirm: true }))
    await stripe.refunds.create({ payment_intent: intent.id, amount: 500 })
    await receiver.waitFor(2)
    await sandbox().webhooksSettled()
    const events = verified(endpoint.secret ?? "")
    expect(events.map((e) => e.type)).toEqual(["payment_intent.succeeded", "charge.refunded"])
    const refunded = events[1].data.object
    expect(refunded).toMatchObject({ object: "charge", amount_refunded: 500, refunded: false })
    expect(events[1].data.previous_attributes).toMatchObject({ amount_refunded: 0 })
    await stripe.webhookEndpoints.del(endpoint.id)
  })

  itSandboxOnly("can deliver each event twice, or out of order, when asked", async () => {
    const { stripe, sandbox } = target()
    receiver = await startWebhookReceiver()
    sandbox().setWebhookUrl(receiver.url)
    sandbox().addWebhookFault({ mode: "duplicate", times: 1 })
    const first = await stripe.customers.create({ email: "dup@example.com" })
    await receiver.waitFor(2)
    const duplicated = verified(sandbox().webhookSecret)
    expect(duplicated.map((e) => objectId(e))).toEqual([first.id, first.id])
    expect(duplicated[0].id).toBe(duplicated[1].id)

    receiver.received.length = 0
    sandbox().addWebhookFault({ mode: "reorder", times: 2 })
    const a = await stripe.customers.create({ email: "a@example.com" })
    const b = await stripe.customers.create({ email: "b@example.com" })
    await receiver.waitFor(2)
    expect(verified(sandbox().webhookSecret).map((e) => objectId(e))).toEqual([b.id, a.id])
    sandbox().setWebhookUrl(null)
  })

  itSandboxOnly("marks events of objects made with Stripe-Account with that account, as Connect events are", async () => {
    const { client, sandbox } = target()
    receiver = await startWebhookReceiver()
    sandbox().setWebhookUrl(receiver.url)
    const response = await fetch(`${sandbox().url}/_sandbox/accounts`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    })
    const { stripe_user_id: account } = (await response.json()) as { stripe_user_id: string }
    const asAccount = client(SANDBOX_KEY, { stripeAccount: account })
    const intent = await asAccount.paymentIntents.create(cardIntent({ payment_method: "pm_card_visa", confirm: true }))
    await receiver.waitFor(3)
    await sandbox().webhooksSettled()
    sandbox().setWebhookUrl(null)
    const events = verified(sandbox().webhookSecret)
    expect(events.map((e) => [e.type, e.account, objectId(e)])).toEqual([
      ["payment_intent.created", account, intent.id],
      ["charge.succeeded", account, expect.stringMatching(/^(ch|py)_/)],
      ["payment_intent.succeeded", account, intent.id],
    ])
    const listed = await asAccount.events.list({ type: "payment_intent.succeeded" })
    expect(listed.data.map((e) => [e.account, objectId(e)])).toEqual([[account, intent.id]])
  })

  itSandboxOnly("sends a signed event for any account on request, in process and over HTTP", async () => {
    const { stripe, sandbox } = target()
    receiver = await startWebhookReceiver()
    sandbox().setWebhookUrl(receiver.url)
    const stranger = "acct_1NeverSeenByThePlugin"
    const intent = {
      id: "pi_3StrangerPaid0000000000",
      object: "payment_intent",
      amount: 4200,
      currency: "usd",
      status: "succeeded",
      metadata: { order_id: "order_theirs" },
    }
    const sent = sandbox().sendEvent({ type: "payment_intent.succeeded", account: stranger, object: intent })
    expect(sent).toMatchObject({
      object: "event",
      account: stranger,
      type: "payment_intent.succeeded",
      request: { id: null, idempotency_key: null },
    })
    const overHttp = await fetch(`${sandbox().url}/_sandbox/events`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        type: "charge.refunded",
        object: { id: "ch_3Platform000000000000", object: "charge", amount_refunded: 100 },
        previous_attributes: { amount_refunded: 0 },
      }),
    })
    expect(overHttp.status).toBe(200)
    const platformEvent = (await overHttp.json()) as { id: string; account?: string }
    expect(platformEvent.account).toBeUndefined()
    const refused = await fetch(`${sandbox().url}/_sandbox/events`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ type: "payment_intent.succeeded", account: "nobody", object: intent }),
    })
    expect(refused.status).toBe(400)

    await receiver.waitFor(2)
    await sandbox().webhooksSettled()
    sandbox().setWebhookUrl(null)
    const events = verified(sandbox().webhookSecret)
    expect(events.map((e) => [e.id, e.type, e.account])).toEqual([
      [sent.id, "payment_intent.succeeded", stranger],
      [platformEvent.id, "charge.refunded", undefined],
    ])
    expect(events[0].data.object).toEqual(intent)
    expect(events[1].data.previous_attributes).toEqual({ amount_refunded: 0 })
    // A platform event is in the platform's event list like any other.
    await expect(stripe.events.retrieve(platformEvent.id)).resolves.toMatchObject({ type: "charge.refunded" })
  })

  itSandboxOnly("emits the documented events for a decline, a capture and a refund", async () => {
    const { stripe, sandbox } = target()
    receiver = await startWebhookReceiver()
    sandbox().setWebhookUrl(receiver.url)
    await failure(() => stripe.paymentIntents.create(cardIntent({ payment_method: "pm_card_chargeDeclined", confirm: true })))
    const authorized = await stripe.paymentIntents.create(
      cardIntent({ capture_method: "manual", payment_method: "pm_card_visa", confirm: true })
    )
    await stripe.paymentIntents.capture(authorized.id)
    await stripe.refunds.create({ payment_intent: authorized.id })
    await receiver.waitFor(10)
    await sandbox().webhooksSettled()
    sandbox().setWebhookUrl(null)
    expect(verified(sandbox().webhookSecret).map((e) => e.type)).toEqual([
      "payment_intent.created",
      "charge.failed",
      "payment_intent.payment_failed",
      "payment_intent.created",
      "charge.succeeded",
      "payment_intent.amount_capturable_updated",
      "charge.captured",
      "payment_intent.succeeded",
      "refund.created",
      "charge.refunded",
    ])
  })
})
