import Stripe from "stripe"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createAdminHeaders } from "../helpers/admin"
import { createUnpaidOrder } from "../helpers/orders"
import { SANDBOX_API_KEY, SANDBOX_WEBHOOK_SECRET, useSandbox } from "../helpers/sandbox"
import { payOnSandboxCheckout, pressPay, waitFor } from "../helpers/checkout"
import { mapWithConcurrency, postWebhook, seededRandom, shuffled, signPayload, sleep, tableCounts } from "../reliability/helpers"

/**
 * Reliability of Stripe's webhooks: forged, stale, altered, malformed and oversized events are
 * refused at the webhook entry before anything is queued; a flood of genuine events, duplicated and
 * shuffled, records each payment exactly once: 100 link payments, 1,000 events (RELIABILITY_WEBHOOK_PAYMENTS
 * scales it).
 */

jest.setTimeout(300_000)

const PAYMENTS = Number(process.env.RELIABILITY_WEBHOOK_PAYMENTS ?? 100)
const EVENTS_PER_PAYMENT = 10
const CONCURRENCY = 20
const SEED = Number(process.env.RELIABILITY_SEED ?? 20261126)

const sandbox = useSandbox()

type LinkEvent = { id: string; payload: string; type: string }

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: Record<string, string>
    let stripe: Stripe
    let baseURL: string

    const adminOrder = async (orderId: string) =>
      (await api.get(`/admin/orders/${orderId}?fields=+payment_status,+summary`, { headers })).data.order

    /** An order with a link for `amount`, paid on Stripe Checkout; the customer never returns. */
    async function paidLinkWithoutReturn(orderTotal: number, amount: number, email: string) {
      const order = await createUnpaidOrder(getContainer(), { amount: orderTotal, email })
      const created = await api.post(`/admin/stripe-collect/orders/${order.id}/payment-links`, { amount }, { headers })
      const link = created.data.payment_link as { id: string; url: string }
      const paid = await payOnSandboxCheckout(await pressPay(link.url), "4242424242424242", { followReturn: false })
      if (paid.status !== 303) throw new Error(`Checkout answered ${paid.status}`)
      return { order, link }
    }

    /** Every event Stripe emitted about these links, as the exact JSON Stripe would have posted. */
    async function eventsOfLinks(linkIds: Set<string>): Promise<LinkEvent[]> {
      const events = await stripe.events.list({ limit: 100 }).autoPagingToArray({ limit: 10_000 })
      return events
        .filter((e) => linkIds.has(String((e.data.object as { metadata?: Record<string, string> }).metadata?.payment_link_id)))
        .map((e) => ({ id: e.id, type: e.type, payload: JSON.stringify(e) }))
    }

    beforeEach(async () => {
      ;({ headers } = await createAdminHeaders(getContainer()))
      const s = sandbox.current()
      stripe = new Stripe(SANDBOX_API_KEY, { ...s.stripe, maxNetworkRetries: 0 })
      baseURL = api.defaults.baseURL as string
      // Stripe's own deliveries are off: only the events this spec posts reach the shop.
      s.setWebhookUrl(null)
    })

    it("refuses unsigned, forged, stale, altered, malformed and oversized events with 4xx and records nothing", async () => {
      const { order, link } = await paidLinkWithoutReturn(100, 40, "forged@example.test")
      const events = await eventsOfLinks(new Set([link.id]))
      const settling = events.filter((e) => e.type === "checkout.session.completed" || e.type === "payment_intent.succeeded")
      expect(settling.length).toBe(2)
      const before = await tableCounts(getContainer())

      const now = Math.floor(Date.now() / 1000)
      const attempts: { name: string; body: string; signature?: string }[] = []
      for (const event of settling) {
        const altered = event.payload
          .replace(/"amount_total":4000/, '"amount_total":1')
          .replace(/"amount_received":4000/, '"amount_received":1')
        expect(altered).not.toBe(event.payload)
        const huge = JSON.stringify({ ...JSON.parse(event.payload), padding: "x".repeat(2_000_000) })
        attempts.push(
          { name: `${event.type} unsigned`, body: event.payload },
          { name: `${event.type} empty signature`, body: event.payload, signature: "" },
          { name: `${event.type} garbage signature`, body: event.payload, signature: `t=${now},v1=${"ab".repeat(32)}` },
          { name: `${event.type} another secret`, body: event.payload, signature: signPayload(event.payload, "whsec_someone_else") },
          {
            name: `${event.type} stale (301 s)`,
            body: event.payload,
            signature: signPayload(event.payload, SANDBOX_WEBHOOK_SECRET, now - 301),
          },
          {
            name: `${event.type} stale (1 day)`,
            body: event.payload,
            signature: signPayload(event.payload, SANDBOX_WEBHOOK_SECRET, now - 86_400),
          },
          { name: `${event.type} altered after signing`, body: altered, signature: signPayload(event.payload, SANDBOX_WEBHOOK_SECRET) },
          {
            name: `${event.type} v0 scheme only`,
            body: event.payload,
            signature: signPayload(event.payload, SANDBOX_WEBHOOK_SECRET).replace("v1=", "v0="),
          },
          { name: `${event.type} huge, signed`, body: huge, signature: signPayload(huge, SANDBOX_WEBHOOK_SECRET) },
          { name: `${event.type} huge, unsigned`, body: huge }
        )
      }
      const malformed = `{"id": "evt_1", "type": "checkout.session.completed", "data": {`
      attempts.push(
        { name: "malformed JSON, signed", body: malformed, signature: signPayload(malformed, SANDBOX_WEBHOOK_SECRET) },
        { name: "malformed JSON, unsigned", body: malformed },
        { name: "empty body, signed", body: "", signature: signPayload("", SANDBOX_WEBHOOK_SECRET) }
      )

      const answers = await mapWithConcurrency(attempts, 5, async (attempt) => ({
        name: attempt.name,
        ...(await postWebhook(baseURL, attempt.body, attempt.signature)),
      }))
      for (const answer of answers) {
        expect({ name: answer.name, rejected: answer.status >= 400 && answer.status < 500 }).toEqual({ name: answer.name, rejected: true })
        expect(answer.text.length).toBeGreaterThan(0)
      }

      // The entry's queue waits 5 s: give anything wrongly queued the time to act, then check it did not.
      await sleep(7_000)
      const state = await adminOrder(order.id)
      expect(state.summary.paid_total).toBe(0)
      expect(state.summary.pending_difference).toBe(100)
      const summary = (await api.get(`/admin/stripe-collect/orders/${order.id}`, { headers })).data
      expect(summary.payment_links[0].status).not.toBe("paid")
      const after = await tableCounts(getContainer())
      // Refusals are counted in memory and written at most once a minute, on the connection row (made if
      // none exists yet): no payment rows, no error log rows, no mail.
      const grown = Object.entries(after)
        .filter(([table, n]) => n > before[table] + (table === "stripe_collect_connection" ? 1 : 0))
        .map(([table, n]) => `${table}: ${before[table]} → ${n}`)
      expect(grown).toEqual([])

      // The same events, genuinely signed, are what records the payment: the refusals above were the only reason.
      for (const event of settling) {
        const answer = await postWebhook(baseURL, event.payload, signPayload(event.payload, SANDBOX_WEBHOOK_SECRET))
        expect(answer.status).toBe(200)
      }
      await waitFor(async () => (await adminOrder(order.id)).summary.paid_total === 40, 30_000)
    })

    it(`records ${PAYMENTS} link payments exactly once from ${PAYMENTS * EVENTS_PER_PAYMENT} shuffled, duplicated events posted ${CONCURRENCY} at a time`, async () => {
      const random = seededRandom(SEED)
      // Totals and link amounts with cents, some links for the whole order, most for part of it.
      const plans = Array.from({ length: PAYMENTS }, (_, i) => {
        const total = Math.round((10 + random() * 990) * 100) / 100
        const amount = i % 4 === 0 ? total : Math.max(0.5, Math.round(total * (0.1 + random() * 0.8) * 100) / 100)
        return { total, amount, email: `flood-${i}@example.test` }
      })
      const started = Date.now()
      const paid = await mapWithConcurrency(plans, 4, async (plan) => ({
        plan,
        ...(await paidLinkWithoutReturn(plan.total, plan.amount, plan.email)),
      }))
      const setupMs = Date.now() - started

      const unique = await eventsOfLinks(new Set(paid.map((p) => p.link.id)))
      expect(unique.length).toBeGreaterThanOrEqual(PAYMENTS * 2)
      const total = Math.max(PAYMENTS * EVENTS_PER_PAYMENT, Math.ceil(unique.length / 0.7))
      const duplicates = Array.from({ length: total - unique.length }, () => unique[Math.floor(random() * unique.length)])
      const sends = shuffled([...unique, ...duplicates], random)

      const posting = Date.now()
      const answers = await mapWithConcurrency(sends, CONCURRENCY, (event) =>
        postWebhook(baseURL, event.payload, signPayload(event.payload, SANDBOX_WEBHOOK_SECRET))
      )
      const postMs = Date.now() - posting
      expect(answers.filter((a) => a.status !== 200).map((a) => `${a.status} ${a.text.slice(0, 200)}`)).toEqual([])

      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const ordersState = async () => {
        const { data } = await query.graph({
          entity: "order",
          fields: [
            "id",
            "summary.*",
            "payment_collections.id",
            "payment_collections.payments.id",
            "payment_collections.payments.captures.id",
            "payment_collections.payments.captures.amount",
          ],
          filters: { id: paid.map((p) => p.order.id) },
        })
        return new Map(data.map((o) => [o.id, o]))
      }
      const settledCount = async () => {
        const state = await ordersState()
        return paid.filter((p) => Number(state.get(p.order.id)?.summary?.paid_total) === p.plan.amount).length
      }
      await waitFor(async () => (await settledCount()) === PAYMENTS, 150_000, 2_000)
      // Late duplicates are still in the entry's queue for up to 5 s: let them run, then count again.
      await sleep(8_000)

      const state = await ordersState()
      const knex = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      const paidActivities = await knex("stripe_collect_activity")
        .select("payment_link_id")
        .count({ n: "*" })
        .where({ kind: "payment_link", status: "paid" })
        .whereNull("deleted_at")
        .groupBy("payment_link_id")
      const paidByLink = new Map(paidActivities.map((row) => [String(row.payment_link_id), Number(row.n)]))
      // Each event is written once, by Stripe's id, however often it was delivered.
      const eventRows = await knex("stripe_collect_stripe_event")
        .select("event_id")
        .count({ n: "*" })
        .whereIn(
          "event_id",
          unique.map((e) => e.id)
        )
        .groupBy("event_id")

      const problems: string[] = []
      if (eventRows.length !== unique.length) problems.push(`${eventRows.length} event rows for ${unique.length} events`)
      for (const row of eventRows) if (Number(row.n) !== 1) problems.push(`${row.event_id}: ${row.n} rows`)
      for (const { plan, order, link } of paid) {
        const o = state.get(order.id)!
        const captures = (o.payment_collections ?? []).flatMap((c) => (c?.payments ?? []).flatMap((p) => p?.captures ?? []))
        const paidTotal = Number(o.summary?.paid_total)
        const pending = Number(o.summary?.pending_difference)
        const expectedPending = Math.round((plan.total - plan.amount) * 100) / 100
        if (captures.length !== 1) problems.push(`${order.id}: ${captures.length} captures`)
        if (paidTotal !== plan.amount) problems.push(`${order.id}: paid_total ${paidTotal} ≠ ${plan.amount}`)
        if (Math.abs(pending - expectedPending) > 1e-9) problems.push(`${order.id}: pending ${pending} ≠ ${expectedPending}`)
        if (paidByLink.get(link.id) !== 1) problems.push(`${link.id}: ${paidByLink.get(link.id) ?? 0} paid activities`)
      }
      // Stripe's side: one succeeded PaymentIntent per link.
      const intents = await stripe.paymentIntents.list({ limit: 100 }).autoPagingToArray({ limit: 10_000 })
      for (const { link, plan } of paid) {
        const ofLink = intents.filter((pi) => pi.metadata.payment_link_id === link.id && pi.status === "succeeded")
        if (ofLink.length !== 1 || ofLink[0].amount !== Math.round(plan.amount * 100)) {
          problems.push(`${link.id}: Stripe has ${ofLink.map((pi) => pi.amount).join(",")}`)
        }
      }
      expect(problems).toEqual([])

      console.log(
        `[reliability] webhooks: ${PAYMENTS} payments, ${unique.length} unique events, ${duplicates.length} duplicates ` +
          `(${Math.round((100 * duplicates.length) / sends.length)}%), ${sends.length} posted with concurrency ${CONCURRENCY} ` +
          `in ${postMs} ms (setup ${setupMs} ms); failures: ${problems.length}`
      )
    })
  },
})
