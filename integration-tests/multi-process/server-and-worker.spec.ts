import type { Client } from "pg"
import Stripe from "stripe"
import { startSandbox, type RunningSandbox } from "../../sandbox"
import { payOnSandboxCheckout, pressPay, waitFor } from "../helpers/checkout"
import { adminOrder, createUnpaidOrderOverHttp } from "../helpers/http-orders"
import { startMedusaApp, type MedusaApp } from "../helpers/medusa-app"
import { adminClient, expectStatus, MedusaHttp, withProcessLogs } from "../helpers/medusa-process"
import { provideRedis, type TestRedis } from "../helpers/redis"
import { SANDBOX_API_KEY, SANDBOX_WEBHOOK_SECRET } from "../helpers/sandbox"
import { mapWithConcurrency, seededRandom, shuffled, signPayload, sleep } from "../reliability/helpers"
import {
  activitiesOfOrder,
  capturesOfOrder,
  intentCreationsOfOrder,
  paidLinkWithoutReturn,
  succeededIntentsOfOrder,
  WEBHOOK_PATH,
} from "./support"

/**
 * Several Medusa instances, as a production deployment runs them: two `server` processes (HTTP
 * only) and one `worker` (subscribers, jobs), separate OS processes sharing PostgreSQL and Redis
 * (Redis event bus, workflow engine and locking). Charges go to both servers at once, webhooks are
 * received by the servers and processed by the worker. The properties of the in-process
 * reliability specs must still hold: one order is charged at most its total, each payment is
 * recorded exactly once.
 */

jest.setTimeout(600_000)

const LINK_PAYMENTS = Number(process.env.MULTI_PROCESS_WEBHOOK_PAYMENTS ?? 16)
const EVENTS_PER_PAYMENT = 10
const CONCURRENCY = 20
const SEED = Number(process.env.RELIABILITY_SEED ?? 20261127)

let sandbox: RunningSandbox
let redis: TestRedis | undefined
let app: MedusaApp | undefined
let db: Client | undefined
let stripe: Stripe
let servers: MedusaHttp[] = []
let admin: MedusaHttp

const processes = () => app?.processes ?? []
const itWithLogs = (name: string, body: () => Promise<void>) => it(name, withProcessLogs(processes, body))

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, webhookSecret: SANDBOX_WEBHOOK_SECRET, quiet: true })
  stripe = new Stripe(SANDBOX_API_KEY, { ...sandbox.stripe, maxNetworkRetries: 0 })
  redis = await provideRedis()
  console.log(`[multi-process] Redis: ${redis.description}`)
  app = await startMedusaApp({
    label: "server_worker",
    sandbox,
    redisUrl: redis.url,
    processes: [
      { name: "server-a", workerMode: "server" },
      { name: "server-b", workerMode: "server" },
      { name: "worker", workerMode: "worker" },
    ],
  })
  console.log(`[multi-process] logs in ${app.logDir}`)
  db = await app.database.connect()
  admin = await adminClient(app.process("server-a").url)
  // One admin session serves both servers: they share the JWT secret and the database.
  servers = [admin, admin.withBaseUrl(app.process("server-b").url)]
  // Stripe delivers its events to the first server, as to a load balancer's address.
  sandbox.setWebhookUrl(`${app.process("server-a").url}${WEBHOOK_PATH}`)
})

afterAll(async () => {
  await db?.end().catch(() => undefined)
  await app?.stop().catch((e) => console.error(e))
  await redis?.release().catch((e) => console.error(e))
  await sandbox?.close()
})

itWithLogs("processes are what they claim: the worker serves no API, both servers do", async () => {
  const worker = new MedusaHttp(app!.process("worker").url)
  expect((await worker.get("/admin/stripe-collect/settings")).status).toBe(404)
  for (const server of servers) expect((await server.get("/admin/stripe-collect/settings")).status).toBe(200)
})

itWithLogs(
  "20 concurrent full-amount charges on one order, spread over two servers: exactly one succeeds, Stripe has one PaymentIntent",
  async () => {
    const order = await createUnpaidOrderOverHttp(admin, { amount: 100, email: "race@example.test" })
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        servers[i % 2].post(
          `/admin/stripe-collect/orders/${order.id}/charges`,
          { amount: 100, payment_method: "pm_card_visa" },
          { "idempotency-key": `multi-race-${order.id}-${i}` }
        )
      )
    )
    const succeeded = results.filter((r) => r.status === 201)
    const refused = results.filter((r) => r.status !== 201)
    const odd = refused
      .filter((r) => r.status !== 409 && r.status !== 400)
      .map((r) => `${r.status} ${JSON.stringify(r.data).slice(0, 300)}`)
    expect(odd).toEqual([])
    expect(succeeded).toHaveLength(1)
    for (const r of refused) expect(String(r.data.message)).toMatch(/outstanding/)

    // Only one charge ever reached Stripe; the webhooks it caused (processed by the worker) add nothing.
    await sandbox.webhooksSettled()
    await sleep(7_000)
    expect(intentCreationsOfOrder(sandbox, order.id)).toHaveLength(1)
    const intents = await succeededIntentsOfOrder(stripe, order.id)
    expect(intents.map((pi) => pi.amount_received)).toEqual([10_000])

    const state = await adminOrder(admin, order.id)
    expect(state.payment_status).toBe("captured")
    expect(state.summary.paid_total).toBe(100)
    expect(state.summary.pending_difference).toBe(0)
    expect((await capturesOfOrder(db!, order.id)).map((c) => c.amount)).toEqual([100])
    expect(await activitiesOfOrder(db!, order.id, "charge", "succeeded")).toHaveLength(1)
  }
)

itWithLogs(
  "charges on two servers racing payment-link payments never collect more than the order total, and each payment is recorded once",
  async () => {
    // Three orders at once, the customer paying a little before, with, or a little after the admins' charges.
    const offsets = [-250, 0, 250]
    const race = async (offsetMs: number, round: number) => {
      const order = await createUnpaidOrderOverHttp(admin, { amount: 100, email: `racer-${round}@example.test` })
      const created = await admin.post(`/admin/stripe-collect/orders/${order.id}/payment-links`, { amount: 60 })
      const link = expectStatus(created, 201, "creating a payment link").payment_link as { id: string; url: string }
      // The customer opens Checkout before anyone has paid, then pays while the admins charge.
      const checkoutUrl = await pressPay(link.url)
      const outcomes = await Promise.all([
        sleep(Math.max(0, offsetMs))
          .then(() => payOnSandboxCheckout(checkoutUrl, "4242424242424242"))
          .then((r) => ({ kind: "link", status: r.status })),
        ...Array.from({ length: 4 }, (_, i) =>
          sleep(Math.max(0, -offsetMs))
            .then(() =>
              servers[i % 2].post(
                `/admin/stripe-collect/orders/${order.id}/charges`,
                { amount: 30, payment_method: "pm_card_visa" },
                { "idempotency-key": `multi-mixed-${order.id}-${i}` }
              )
            )
            .then((r) => ({ kind: "charge", status: r.status }))
        ),
      ])
      return { offsetMs, order, link, outcomes }
    }
    const races = await Promise.all(offsets.map(race))

    const collectedCents = async (orderId: string, linkId: string) =>
      (await succeededIntentsOfOrder(stripe, orderId, [linkId])).reduce((sum, pi) => sum + pi.amount_received, 0)
    const caughtUp = async (orderId: string, linkId: string) =>
      Math.round((await adminOrder(admin, orderId)).summary.paid_total * 100) === (await collectedCents(orderId, linkId))
    // Medusa catches up with Stripe through the worker; then nothing may move any more.
    await sandbox.webhooksSettled()
    for (const { order, link } of races) await waitFor(() => caughtUp(order.id, link.id), 90_000, 1_000)
    await sleep(7_000)

    const problems: string[] = []
    for (const { offsetMs, order, link, outcomes } of races) {
      const when = offsetMs === 0 ? "with" : `${Math.abs(offsetMs)} ms ${offsetMs > 0 ? "after" : "before"}`
      const intents = await succeededIntentsOfOrder(stripe, order.id, [link.id])
      const cents = intents.reduce((sum, pi) => sum + pi.amount_received, 0)
      const state = await adminOrder(admin, order.id)
      const paidCents = Math.round(state.summary.paid_total * 100)
      const captures = await capturesOfOrder(db!, order.id)
      const linkIntents = intents.filter((pi) => pi.metadata.payment_link_id === link.id)
      const linkPaid = await activitiesOfOrder(db!, order.id, "payment_link", "paid")
      const charged = outcomes.filter((o) => o.kind === "charge" && o.status === 201).length * 30
      console.log(
        `[multi-process] race, link paid ${when} the charges: ${outcomes.map((o) => `${o.kind}:${o.status}`).join(" ")}; ` +
          `Stripe collected ${cents / 100}, Medusa paid_total ${state.summary.paid_total}`
      )
      const problem = (text: string) => problems.push(`order ${order.id} (link paid ${when} the charges): ${text}`)
      if (outcomes.some((o) => o.status >= 500)) problem(`5xx answers: ${outcomes.map((o) => o.status).join(" ")}`)
      if (charged > 100) problem(`charges alone took ${charged}`)
      if (cents > 10_000) problem(`Stripe collected ${cents / 100}, more than the order total of 100`)
      if (paidCents !== cents) problem(`Medusa paid_total ${paidCents / 100} ≠ Stripe's ${cents / 100}`)
      if (captures.length !== intents.length) problem(`${captures.length} captures for ${intents.length} succeeded PaymentIntents`)
      if (linkIntents.length > 1) problem(`${linkIntents.length} link PaymentIntents`)
      if (linkPaid.length !== linkIntents.length)
        problem(`${linkPaid.length} "paid" link activities for ${linkIntents.length} link payments`)
    }
    expect(problems).toEqual([])
  }
)

itWithLogs(
  `a burst of signed webhook events (duplicated, shuffled, ${CONCURRENCY} at a time) received by the servers is processed by the worker, each payment once`,
  async () => {
    const random = seededRandom(SEED)
    // Stripe's own deliveries are off while the payments are made: only the burst below reaches the shop.
    sandbox.setWebhookUrl(null)
    const plans = Array.from({ length: LINK_PAYMENTS }, (_, i) => {
      const total = Math.round((10 + random() * 990) * 100) / 100
      const amount = i % 4 === 0 ? total : Math.max(0.5, Math.round(total * (0.1 + random() * 0.8) * 100) / 100)
      return { total, amount, email: `burst-${i}@example.test` }
    })
    const paid = await mapWithConcurrency(plans, 4, async (plan) => ({
      plan,
      ...(await paidLinkWithoutReturn(admin, plan.total, plan.amount, plan.email)),
    }))
    const linkIds = new Set(paid.map((p) => p.link.id))
    const events = (await stripe.events.list({ limit: 100 }).autoPagingToArray({ limit: 10_000 }))
      .filter((e) => linkIds.has(String((e.data.object as { metadata?: Record<string, string> }).metadata?.payment_link_id)))
      .map((e) => JSON.stringify(e))
    expect(events.length).toBeGreaterThanOrEqual(LINK_PAYMENTS * 2)
    const total = Math.max(LINK_PAYMENTS * EVENTS_PER_PAYMENT, Math.ceil(events.length / 0.7))
    const duplicates = Array.from({ length: total - events.length }, () => events[Math.floor(random() * events.length)])
    const sends = shuffled([...events, ...duplicates], random)

    const paidTotals = async () => {
      const { rows } = await db!.query(
        `select opc.order_id, coalesce(sum(c.amount), 0) as paid
         from order_payment_collection opc
         left join payment p on p.payment_collection_id = opc.payment_collection_id and p.deleted_at is null
         left join capture c on c.payment_id = p.id and c.deleted_at is null
        where opc.order_id = any($1) and opc.deleted_at is null
        group by opc.order_id`,
        [paid.map((p) => p.order.id)]
      )
      return new Map(rows.map((r) => [r.order_id as string, Number(r.paid)]))
    }

    // The worker is down while the burst arrives: the servers only acknowledge and queue in Redis.
    const worker = app!.process("worker")
    await worker.stop()
    const posting = Date.now()
    const answers = await mapWithConcurrency(sends, CONCURRENCY, async (payload, i) => {
      const response = await fetch(`${servers[i % 2].baseUrl}${WEBHOOK_PATH}`, {
        method: "POST",
        headers: { "content-type": "application/json", "stripe-signature": signPayload(payload, SANDBOX_WEBHOOK_SECRET) },
        body: payload,
      })
      return { status: response.status, text: await response.text() }
    })
    const postMs = Date.now() - posting
    expect(answers.filter((a) => a.status !== 200).map((a) => `${a.status} ${a.text.slice(0, 200)}`)).toEqual([])
    // Medusa's queue delays webhook events by 5 s: past that, a server that processed events itself would show it.
    await sleep(8_000)
    expect([...(await paidTotals()).values()].filter((v) => v !== 0)).toEqual([])

    const restarted = Date.now()
    await worker.start()
    await waitFor(
      async () => {
        const totals = await paidTotals()
        return paid.every((p) => Math.abs((totals.get(p.order.id) ?? 0) - p.plan.amount) < 1e-9)
      },
      240_000,
      2_000
    )
    const settleMs = Date.now() - restarted
    // Late duplicates may still be queued: let them run, then count.
    await sleep(10_000)

    const problems: string[] = []
    const intents = (await stripe.paymentIntents.list({ limit: 100 }).autoPagingToArray({ limit: 10_000 })).filter(
      (pi) => pi.status === "succeeded"
    )
    for (const { plan, order, link } of paid) {
      const captures = await capturesOfOrder(db!, order.id)
      if (captures.length !== 1 || captures[0].amount !== plan.amount)
        problems.push(`${order.id}: captures ${JSON.stringify(captures)}, expected one of ${plan.amount}`)
      const state = await adminOrder(admin, order.id)
      const expectedPending = Math.round((plan.total - plan.amount) * 100) / 100
      if (state.summary.paid_total !== plan.amount) problems.push(`${order.id}: paid_total ${state.summary.paid_total} ≠ ${plan.amount}`)
      if (Math.abs(state.summary.pending_difference - expectedPending) > 1e-9)
        problems.push(`${order.id}: pending ${state.summary.pending_difference} ≠ ${expectedPending}`)
      const paidActivities = await activitiesOfOrder(db!, order.id, "payment_link", "paid")
      if (paidActivities.length !== 1) problems.push(`${link.id}: ${paidActivities.length} paid activities`)
      const ofLink = intents.filter((pi) => pi.metadata.payment_link_id === link.id)
      if (ofLink.length !== 1 || ofLink[0].amount !== Math.round(plan.amount * 100))
        problems.push(`${link.id}: Stripe has ${ofLink.map((pi) => pi.amount).join(",")}`)
    }
    expect(problems).toEqual([])
    console.log(
      `[multi-process] webhooks: ${LINK_PAYMENTS} payments, ${events.length} unique events, ${duplicates.length} duplicates, ` +
        `${sends.length} posted to two servers with concurrency ${CONCURRENCY} in ${postMs} ms; the worker settled them ${settleMs} ms after its start`
    )
  }
)
