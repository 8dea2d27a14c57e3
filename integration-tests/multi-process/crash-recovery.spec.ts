import type { Client } from "pg"
import Stripe from "stripe"
import { startSandbox, type RunningSandbox } from "../../sandbox"
import { waitFor } from "../helpers/checkout"
import { adminOrder, createUnpaidOrderOverHttp, type UnpaidOrder } from "../helpers/http-orders"
import { startMedusaApp, type MedusaApp } from "../helpers/medusa-app"
import {
  adminClient,
  expectStatus,
  sleep,
  withProcessLogs,
  type HttpAnswer,
  type MedusaHttp,
  type MedusaProcess,
} from "../helpers/medusa-process"
import { SANDBOX_API_KEY, SANDBOX_WEBHOOK_SECRET } from "../helpers/sandbox"
import { startWebhookGate, type WebhookGate } from "../helpers/webhook-gate"
import { signPayload } from "../reliability/helpers"
import { capturesOfOrder, intentCreationsOfOrder, integrationErrorEmails, succeededIntentsOfOrder, WEBHOOK_PATH } from "./support"

/**
 * Medusa dies between "Stripe succeeded" and "Medusa recorded": a real `medusa start` process is
 * SIGKILLed while Stripe has taken the money and Medusa's request is still waiting for the answer
 * (the sandbox processes the PaymentIntent, drops the connection, and holds the SDK's retry). After a
 * restart, whichever heals first — Stripe's webhook redelivery, the admin's "check Stripe"
 * (POST /admin/stripe-collect/reconcile), the admin retrying the same request — records the payment
 * exactly once, the order is paid, and the merchant is emailed only when it cannot be healed.
 */

jest.setTimeout(600_000)

const ERROR_EMAIL = "alerts@acme.test"

let sandbox: RunningSandbox
let gate: WebhookGate
let app: MedusaApp | undefined
let medusa: MedusaProcess
let db: Client | undefined
let stripe: Stripe
let admin: MedusaHttp

const itWithLogs = (name: string, body: () => Promise<void>) =>
  it(
    name,
    withProcessLogs(() => app?.processes ?? [], body)
  )

beforeAll(async () => {
  // Stripe retries a failed delivery for days; here for about four minutes, enough to span a restart.
  sandbox = await startSandbox({
    port: 0,
    webhookSecret: SANDBOX_WEBHOOK_SECRET,
    quiet: true,
    webhookRetryDelaysMs: [1_000, 2_000, 4_000, 8_000, 15_000, 30_000, 60_000, 120_000],
  })
  stripe = new Stripe(SANDBOX_API_KEY, { ...sandbox.stripe, maxNetworkRetries: 0 })
  gate = await startWebhookGate()
  app = await startMedusaApp({ label: "crash_recovery", sandbox, processes: [{ name: "medusa", workerMode: "shared" }] })
  console.log(`[crash-recovery] logs in ${app.logDir}`)
  medusa = app.process("medusa")
  db = await app.database.connect()
  admin = await adminClient(medusa.url)
  // Integration errors are emailed to this address: a silent inbox below means nothing needed the merchant.
  expectStatus(await admin.post("/admin/stripe-collect/settings", { store_name: "Acme", error_email: ERROR_EMAIL }), 200, "saving settings")
})

afterAll(async () => {
  sandbox?.clearFaults()
  await db?.end().catch(() => undefined)
  await app?.stop().catch((e) => console.error(e))
  await gate?.stop()
  await sandbox?.close()
})

beforeEach(() => {
  sandbox.clearFaults()
  gate.close()
})

const charge = (orderId: string, amount: number, key: string) =>
  admin.post(`/admin/stripe-collect/orders/${orderId}/charges`, { amount, payment_method: "pm_card_visa" }, { "idempotency-key": key })

/**
 * Charges the order and SIGKILLs Medusa once Stripe has made the PaymentIntent and before Medusa
 * hears back: Stripe processes the request and drops the connection; the SDK's retry (same key) is
 * held for a minute, so Medusa is still waiting when it dies.
 */
async function crashAfterStripeSucceeded(order: UnpaidOrder, amount: number, key: string) {
  sandbox.addFault({ method: "POST", path: "/v1/payment_intents", times: 1, timeoutAfterProcessing: true })
  sandbox.addFault({ method: "POST", path: "/v1/payment_intents", times: "always", dropConnection: true, latencyMs: 60_000 })
  const answer = charge(order.id, amount, key).then(
    (a: HttpAnswer) => ({ status: a.status, data: a.data }),
    (e: Error & { cause?: unknown }) => ({ error: String(e.cause ?? e) })
  )
  const processed = () =>
    intentCreationsOfOrder(sandbox, order.id).find((r) => r.status === 200 && String(r.fault).includes("timeout after processing"))
  const until = Date.now() + 120_000
  while (!processed()) {
    if (Date.now() > until)
      throw new Error(`Stripe never received the charge; Medusa answered ${JSON.stringify(await answer).slice(0, 500)}`)
    await sleep(10)
  }
  await medusa.kill("SIGKILL")
  sandbox.clearFaults()

  // The admin got no answer: the connection died with the server.
  expect(Object.keys(await answer)).toEqual(["error"])
  // Stripe has the money...
  const intents = await succeededIntentsOfOrder(stripe, order.id)
  expect(intents.map((pi) => pi.amount_received)).toEqual([Math.round(amount * 100)])
  // ...and Medusa has nothing: the crash fell between the two.
  expect(await capturesOfOrder(db!, order.id)).toEqual([])
  return { intent: intents[0], crashedAt: Date.now() }
}

/** Restarts the crashed process; returns when it answers /health. */
async function restart() {
  const started = Date.now()
  await medusa.restart()
  return Date.now() - started
}

/** The charge activity rows of an order, oldest first (what the order page lists). */
async function chargeRows(orderId: string) {
  const { rows } = await db!.query(
    `select status, operation, stripe_object_id, failure_code from stripe_collect_activity
      where order_id = $1 and kind = 'charge' and deleted_at is null order by created_at`,
    [orderId]
  )
  return rows as { status: string; operation: string; stripe_object_id: string | null; failure_code: string | null }[]
}

/** Recorded exactly once, everywhere: Medusa's order and ledger, the plugin's activity, Stripe. */
async function expectPaidExactlyOnce(order: UnpaidOrder, intent: Stripe.PaymentIntent) {
  const state = await adminOrder(admin, order.id)
  expect(state.payment_status).toBe("captured")
  expect(state.summary.paid_total).toBe(order.total)
  expect(state.summary.pending_difference).toBe(0)
  expect((await capturesOfOrder(db!, order.id)).map((c) => c.amount)).toEqual([order.total])
  const succeeded = (await chargeRows(order.id)).filter((r) => r.status === "succeeded")
  expect(succeeded.map((r) => r.stripe_object_id)).toEqual([intent.id])
  expect((await succeededIntentsOfOrder(stripe, order.id)).map((pi) => pi.id)).toEqual([intent.id])
  return succeeded[0]
}

/** The reconciliation job runs every 10 minutes (on the clock): it may be what healed, if one passed. */
const jobMayHaveRun = (from: number, to: number) => Math.floor(from / 600_000) !== Math.floor(to / 600_000)

const reconcile = async () =>
  expectStatus(await admin.post("/admin/stripe-collect/reconcile", {}), 200, "reconciling").reconciliation as Record<string, number>

itWithLogs("crash, then Stripe's webhook redelivery after the restart records the payment once; nobody is emailed", async () => {
  // Stripe's events reach Medusa through the gate, which answers 503 while Medusa is down.
  sandbox.setWebhookUrl(`${gate.url}${WEBHOOK_PATH}`)
  const order = await createUnpaidOrderOverHttp(admin, { amount: 100, email: "crash-webhook@example.test" })
  const { intent, crashedAt } = await crashAfterStripeSucceeded(order, 100, "crash-webhook")
  const succeededEvent = (await stripe.events.list({ type: "payment_intent.succeeded", limit: 100 })).data.find(
    (e) => (e.data.object as Stripe.PaymentIntent).id === intent.id
  )!
  expect(succeededEvent).toBeDefined()

  const restartMs = await restart()
  if (!jobMayHaveRun(crashedAt, Date.now())) expect(await capturesOfOrder(db!, order.id)).toEqual([])
  gate.open(medusa.url)
  await waitFor(async () => (await adminOrder(admin, order.id)).summary.paid_total === 100, 240_000, 1_000)
  const healedAt = Date.now()

  // Stripe's delivery failed while Medusa was down, and a later attempt got through.
  const deliveries = sandbox.webhookDeliveries().filter((d) => d.eventId === succeededEvent.id)
  expect(deliveries.some((d) => d.status === 503)).toBe(true)
  expect(deliveries.some((d) => d.status === 200)).toBe(true)
  const row = await expectPaidExactlyOnce(order, intent)
  if (!jobMayHaveRun(crashedAt, healedAt)) expect(row.operation).toBe("charge_card_recovered_webhook")

  // Everything that could record it again finds it recorded.
  const replayed = JSON.stringify(succeededEvent)
  const duplicate = await fetch(`${medusa.url}${WEBHOOK_PATH}`, {
    method: "POST",
    headers: { "content-type": "application/json", "stripe-signature": signPayload(replayed, SANDBOX_WEBHOOK_SECRET) },
    body: replayed,
  })
  expect(duplicate.status).toBe(200)
  expect(await reconcile()).toMatchObject({ recorded: 0, failed: 0 })
  const retry = await charge(order.id, 100, "crash-webhook")
  expect(retry.status).toBe(200)
  expect(retry.data.charge.payment_intent_id).toBe(intent.id)
  await sleep(7_000) // Medusa's queue holds webhook events for 5 s
  await expectPaidExactlyOnce(order, intent)
  expect(intentCreationsOfOrder(sandbox, order.id)).toHaveLength(1)
  expect(integrationErrorEmails(sandbox)).toEqual([])
  console.log(
    `[crash-recovery] webhook: restart ${restartMs} ms, healed ${healedAt - crashedAt} ms after the crash, ${JSON.stringify(gate.counts())}`
  )
})

itWithLogs(
  "crash with no webhook coming: the admin's 'check Stripe' (POST /admin/stripe-collect/reconcile) records it once; nobody is emailed",
  async () => {
    // Stripe has no endpoint for this shop (or it is misconfigured): only a scan of Stripe can heal.
    sandbox.setWebhookUrl(null)
    const order = await createUnpaidOrderOverHttp(admin, { amount: 80, email: "crash-reconcile@example.test" })
    const { intent, crashedAt } = await crashAfterStripeSucceeded(order, 80, "crash-reconcile")
    await restart()

    const first = await reconcile()
    if (jobMayHaveRun(crashedAt, Date.now())) expect(first.recorded + first.already_recorded).toBeGreaterThanOrEqual(1)
    else expect(first).toMatchObject({ recorded: 1, failed: 0 })
    expect(await reconcile()).toMatchObject({ recorded: 0, failed: 0 })
    const row = await expectPaidExactlyOnce(order, intent)
    expect(row.operation).toMatch(/^charge_card_recovered/)

    const retry = await charge(order.id, 80, "crash-reconcile")
    expect(retry.status).toBe(200)
    expect(retry.data.charge.payment_intent_id).toBe(intent.id)
    await expectPaidExactlyOnce(order, intent)
    expect(integrationErrorEmails(sandbox)).toEqual([])
  }
)

itWithLogs(
  "crash, then the admin presses Charge again (same Idempotency-Key) after the restart: Stripe is not charged twice, the payment is recorded once",
  async () => {
    sandbox.setWebhookUrl(null)
    const order = await createUnpaidOrderOverHttp(admin, { amount: 55.5, email: "crash-retry@example.test" })
    const { intent } = await crashAfterStripeSucceeded(order, 55.5, "crash-retry")
    await restart()

    const retry = await charge(order.id, 55.5, "crash-retry")
    if (retry.status >= 300) throw new Error(`The retry answered ${retry.status}: ${JSON.stringify(retry.data)}`)
    expect(retry.data.charge.payment_intent_id).toBe(intent.id)
    await expectPaidExactlyOnce(order, intent)
    expect(await reconcile()).toMatchObject({ recorded: 0, failed: 0 })
    await expectPaidExactlyOnce(order, intent)
    expect(integrationErrorEmails(sandbox)).toEqual([])
  }
)

itWithLogs(
  "crash, then a new charge for the whole amount after the restart: the lost payment is found first, nothing is charged twice",
  async () => {
    sandbox.setWebhookUrl(null)
    const order = await createUnpaidOrderOverHttp(admin, { amount: 40, email: "crash-again@example.test" })
    const emailsBefore = integrationErrorEmails(sandbox).length
    const { intent } = await crashAfterStripeSucceeded(order, 40, "crash-again-first")
    await restart()

    // The order still reads unpaid to the admin, who charges it again with a fresh request. The attempt the
    // crash interrupted was written down before Stripe was called: Stripe is asked first, the 40.00 found.
    const second = await charge(order.id, 40, "crash-again-second")
    expect(second.status).toBe(409)
    expect(String(second.data.message)).toMatch(/nothing outstanding/)
    await reconcile()
    await sleep(2_000)
    const intents = await succeededIntentsOfOrder(stripe, order.id)
    const state = await adminOrder(admin, order.id)
    expect(Math.round(state.summary.paid_total * 100)).toBe(intents.reduce((sum, pi) => sum + pi.amount_received, 0))
    expect((await capturesOfOrder(db!, order.id)).length).toBe(intents.length)
    await expectPaidExactlyOnce(order, intent)
    // Healed, so nobody was emailed.
    const newEmails = integrationErrorEmails(sandbox).slice(emailsBefore)
    expect(newEmails).toEqual([])
    console.log(
      `[crash-recovery] a new charge after the crash answered ${second.status}; Stripe has ${intents.length} PaymentIntent(s); ` +
        `integration-error emails: ${JSON.stringify(newEmails.map((e) => e.subject))}`
    )
  }
)
