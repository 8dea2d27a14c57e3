import Stripe from "stripe"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createAdminHeaders } from "../helpers/admin"
import { createUnpaidOrder } from "../helpers/orders"
import { SANDBOX_API_KEY, SANDBOX_WEBHOOK_SECRET, useSandbox } from "../helpers/sandbox"
import {
  createUnconnectedStripeAccount,
  deliverSigned,
  forgedEventId,
  linkStatus,
  notAccepted,
  nothingPaid,
  orderMoney,
  payLinkWithoutReturn,
  pluginAndNotificationRows,
  stripeEventsAbout,
  unpaid,
  waitForState,
  WEBHOOK_QUEUE_MS,
} from "../helpers/trust-boundary"
import { mapWithConcurrency, postWebhook, signPayload, sleep } from "../reliability/helpers"

/**
 * Issue 14's webhook entry, from outside: events of a Stripe account the plugin never recorded a
 * payment with are ignored; an anonymous flood of bad signatures costs no rows and no mail; one
 * event delivered many times acts once; and the signature is judged at delivery, not after Medusa's
 * queue delay.
 */

jest.setTimeout(300_000)

const sandbox = useSandbox()
// Deliveries to a closed port fail: Stripe's own webhooks never reach the shop; the test posts events itself.
const NOWHERE = "http://127.0.0.1:9/hooks/payment/stripe-collect_default"

type Answer = { status: number; data: Record<string, unknown> }

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: Record<string, string>
    let stripe: Stripe
    let baseURL: string

    const post = (path: string, body: unknown, extra: Record<string, string> = {}): Promise<Answer> =>
      api.post(path, body, { headers: { ...headers, ...extra } }).catch((e: { response: Answer }) => e.response)
    const money = (orderId: string) => orderMoney(api, headers, orderId)

    beforeEach(async () => {
      ;({ headers } = await createAdminHeaders(getContainer()))
      const s = sandbox.current()
      stripe = new Stripe(SANDBOX_API_KEY, { ...s.stripe, maxNetworkRetries: 0 })
      baseURL = api.defaults.baseURL as string
      s.clearFaults()
      s.setWebhookUrl(NOWHERE)
      await post("/admin/stripe-collect/settings", { store_name: "Acme", error_email: "alerts@acme.test" })
    })

    it("ignores events of a Stripe account the plugin never recorded a payment with, even about a real order's charge", async () => {
      const s = sandbox.current()
      const startedAt = Math.floor(Date.now() / 1000) - 1
      const order = await createUnpaidOrder(getContainer(), { amount: 100, email: "accounts@example.test" })

      // A genuine admin charge whose answer is lost and Stripe cannot be asked: Stripe has it, Medusa does not yet.
      s.addFault({ method: "POST", path: "/v1/payment_intents", times: "always", timeoutAfterProcessing: true })
      s.addFault({ method: "GET", path: "/v1/payment_intents", times: "always", status: 500 })
      s.addFault({ method: "GET", path: "/v1/payment_intents/*", times: "always", status: 500 })
      const lost = await post(
        `/admin/stripe-collect/orders/${order.id}/charges`,
        { amount: 40, payment_method: "pm_card_visa" },
        { "idempotency-key": "lost-charge" }
      )
      s.clearFaults()
      expect(lost.status).toBe(502)
      const [genuine, ...others] = (await stripe.paymentIntents.list({ created: { gte: startedAt }, limit: 100 })).data.filter(
        (pi) => pi.status === "succeeded" && pi.amount_received === 4000
      )
      expect(genuine).toBeDefined()
      expect(others).toEqual([])
      const before = await money(order.id)
      expect(before).toMatchObject(unpaid(100))
      const [succeeded] = (await stripeEventsAbout(stripe, [genuine.id])).filter((e) => e.type === "payment_intent.succeeded")
      expect(succeeded).toBeDefined()

      // 1. That very event, re-addressed as coming from an account nobody connected.
      const object = succeeded.data.object as Stripe.PaymentIntent
      const neverSeen = {
        ...succeeded,
        id: forgedEventId(),
        account: "acct_never_seen",
        data: { ...succeeded.data, object: { ...object, metadata: { ...object.metadata, order_id: order.id } } },
      }
      const first = await deliverSigned(baseURL, JSON.stringify(neverSeen))
      expect(first.status).toBeLessThan(500)

      // 2. An account that exists at Stripe but not for this shop charges a copy of it (same order, amount, metadata).
      const account = await createUnconnectedStripeAccount(s, "Someone Else's Store")
      const copy = await stripe.paymentIntents.create(
        {
          amount: 4000,
          currency: "usd",
          payment_method: "pm_card_visa",
          confirm: true,
          automatic_payment_methods: { enabled: true, allow_redirects: "never" },
          metadata: { ...genuine.metadata, order_id: order.id },
        },
        { stripeAccount: account }
      )
      expect(copy).toMatchObject({ status: "succeeded", amount_received: 4000 })
      const copyEvents = await stripeEventsAbout(stripe, [copy.id], account)
      expect(copyEvents.map((e) => e.account)).toEqual(copyEvents.map(() => account))
      expect(copyEvents.map((e) => e.type)).toContain("payment_intent.succeeded")
      for (const event of copyEvents) expect((await deliverSigned(baseURL, JSON.stringify(event))).status).toBeLessThan(500)

      await sleep(WEBHOOK_QUEUE_MS)
      // Nothing recorded, not even a payment collection started for them.
      expect({ after: "events of other accounts", order: await money(order.id) }).toMatchObject({
        after: "events of other accounts",
        order: { ...unpaid(100), collections: before.collections },
      })

      // The genuine event, from the shop's own account, is what records the charge: once, for 40.
      expect(notAccepted([(await deliverSigned(baseURL, JSON.stringify(succeeded))).status])).toEqual([])
      await waitForState(
        () => money(order.id),
        (m) => m.paid_total > 0,
        "the genuine event recorded",
        60_000
      )
      await sleep(WEBHOOK_QUEUE_MS)
      const after = await money(order.id)
      expect(after).toMatchObject({ payment_status: "partially_captured", paid_total: 40, outstanding: 60 })
      expect(after.payments.map((p) => p.captured)).toEqual([40])
    })

    it("a flood of 300 badly signed requests is refused with 400 and grows no table by more than a row, with at most one email", async () => {
      const s = sandbox.current()
      const order = await createUnpaidOrder(getContainer(), { amount: 100 })
      const event = JSON.stringify({
        id: "evt_flood",
        object: "event",
        type: "payment_intent.succeeded",
        api_version: "2026-10-28.endive",
        created: Math.floor(Date.now() / 1000),
        livemode: false,
        data: {
          object: {
            id: "pi_flood",
            object: "payment_intent",
            status: "succeeded",
            amount: 10000,
            amount_received: 10000,
            currency: "usd",
            metadata: { stripe_collect: "1", stripe_collect_flow: "admin_charge", order_id: order.id },
          },
        },
      })
      const rowsBefore = await pluginAndNotificationRows(getContainer())
      const emailsBefore = s.emails().length

      const now = Math.floor(Date.now() / 1000)
      const kinds = [
        { name: "wrong secret", signature: () => signPayload(event, "whsec_not_the_shops_secret") },
        { name: "no signature", signature: () => undefined },
        { name: "stale timestamp", signature: () => signPayload(event, SANDBOX_WEBHOOK_SECRET, now - 3_600) },
      ]
      const requests = Array.from({ length: 300 }, (_, i) => kinds[i % kinds.length])
      const answers = await mapWithConcurrency(requests, 10, async (kind) => ({
        kind: kind.name,
        status: (await postWebhook(baseURL, event, kind.signature())).status,
      }))
      expect(answers.filter((a) => a.status !== 400)).toEqual([])

      // Anything a refused request queued has had the time to run.
      await sleep(WEBHOOK_QUEUE_MS)
      const rowsAfter = await pluginAndNotificationRows(getContainer())
      const grew = Object.entries(rowsAfter)
        .map(([table, n]) => ({ table, grew_by: n - (rowsBefore[table] ?? 0) }))
        .filter((t) => t.grew_by > 1)
      expect(grew).toEqual([])
      expect(Object.keys(rowsAfter)).toContain("notification")
      expect(s.emails().length - emailsBefore).toBeLessThanOrEqual(1)
      expect(await money(order.id)).toMatchObject(unpaid(100))

      // The endpoint still takes a genuinely signed event.
      expect(notAccepted([(await deliverSigned(baseURL, event)).status])).toEqual([])
    })

    it("one event delivered five times at once acts once", async () => {
      const order = await createUnpaidOrder(getContainer(), { amount: 100, email: "five-times@example.test" })
      const link = await payLinkWithoutReturn(api, headers, order.id, 40)
      const [completed] = (await stripeEventsAbout(stripe, [link.checkout_session_id])).filter(
        (e) => e.type === "checkout.session.completed"
      )
      expect(completed).toBeDefined()
      const emailsBefore = sandbox.current().emails().length

      const answers = await Promise.all(Array.from({ length: 5 }, () => deliverSigned(baseURL, JSON.stringify(completed))))
      expect(notAccepted(answers.map((a) => a.status))).toEqual([])
      await waitForState(
        () => money(order.id),
        (m) => m.paid_total > 0,
        "the link payment recorded",
        60_000
      )
      await sleep(WEBHOOK_QUEUE_MS)

      const after = await money(order.id)
      expect(after).toMatchObject({ payment_status: "partially_captured", paid_total: 40, outstanding: 60 })
      expect(after.payments.map((p) => ({ captured: p.captured, captures: p.captures }))).toEqual([{ captured: 40, captures: 1 }])
      expect(await linkStatus(api, headers, order.id, link.id)).toBe("paid")
      const summary: { data: { activity: Array<{ kind: string; status: string }> } } = await api.get(
        `/admin/stripe-collect/orders/${order.id}`,
        { headers }
      )
      expect(summary.data.activity.filter((a) => a.kind === "payment_link" && a.status === "paid")).toHaveLength(1)
      // The customer hears about their payment at most once.
      const toCustomer = sandbox
        .current()
        .emails()
        .slice(emailsBefore)
        .filter((e) => e.to.includes("five-times@example.test"))
      expect(toCustomer.length).toBeLessThanOrEqual(1)
    })

    it("judges the signature when the event arrives: 6 minutes old at arrival is refused, still fresh at arrival is processed after the queue", async () => {
      const order = await createUnpaidOrder(getContainer(), { amount: 100, email: "late@example.test" })
      const link = await payLinkWithoutReturn(api, headers, order.id, 25)
      const [completed] = (await stripeEventsAbout(stripe, [link.checkout_session_id])).filter(
        (e) => e.type === "checkout.session.completed"
      )
      expect(completed).toBeDefined()
      const payload = JSON.stringify(completed)

      // Signed 6 minutes before it arrives: Stripe's 5-minute tolerance is over, refused.
      const stale = await deliverSigned(baseURL, payload, Math.floor(Date.now() / 1000) - 360)
      expect(stale.status).toBe(400)
      await sleep(WEBHOOK_QUEUE_MS)
      expect(await money(order.id)).toMatchObject(nothingPaid(100))
      expect(await linkStatus(api, headers, order.id, link.id)).not.toBe("paid")

      // Signed 296 s before it arrives: valid at delivery. Medusa holds webhooks in its queue for 5 s, so by the
      // time a subscriber sees it the signature is over 300 s old; it must be processed all the same.
      const fresh = await deliverSigned(baseURL, payload, Math.floor(Date.now() / 1000) - 296)
      expect(notAccepted([fresh.status])).toEqual([])
      await waitForState(
        () => money(order.id),
        (m) => m.paid_total > 0,
        "the event accepted at delivery is processed after the queue delay",
        30_000
      )
      expect(await money(order.id)).toMatchObject({ payment_status: "partially_captured", paid_total: 25, outstanding: 75 })
      expect(await linkStatus(api, headers, order.id, link.id)).toBe("paid")
    })
  },
})
