import fs from "fs"
import { Client } from "pg"
import { payOnSandboxCheckout, pressPay } from "../helpers/checkout"
import { createUnpaidOrderOverHttp } from "../helpers/http-orders"
import {
  adminClient,
  createTestDatabase,
  expectStatus,
  medusaEnv,
  MedusaProcess,
  newLogDir,
  prepareDatabase,
  runMedusaCli,
  ADMIN_LOGIN,
  type TestDatabase,
} from "../helpers/medusa-process"
import { SANDBOX_API_KEY, SANDBOX_WEBHOOK_SECRET, useSandbox } from "../helpers/sandbox"

jest.setTimeout(300_000)

/**
 * Medusa writes its request log only outside NODE_ENV=test, so this file runs a real `medusa start` in
 * production mode at LOG_LEVEL=http, with the local notification provider (no email service: notifications
 * go to the log), and reads everything the server printed.
 */
const sandbox = useSandbox()

/** CREATE DATABASE / DROP DATABASE on the server the tests use. */
async function onServer(database: TestDatabase, sql: (c: Client) => string) {
  const client = new Client({ connectionString: database.url.replace(/\/[^/]+$/, "/postgres") })
  await client.connect()
  try {
    await client.query(sql(client))
  } finally {
    await client.end()
  }
}

/** A copy of this run's migrated template database when there is one (scripts/test.js), else a migrated new one. */
async function migratedDatabase(env: NodeJS.ProcessEnv, logDir: string): Promise<TestDatabase> {
  const database = await createTestDatabase("server_log")
  const template = process.env.STRIPE_COLLECT_TEST_TEMPLATE_DB
  const appEnv = { ...env, DATABASE_URL: database.url }
  if (!template) {
    await prepareDatabase(appEnv, logDir)
    return database
  }
  // The same name, copied from the template instead (seconds, not the half minute migrations take).
  await database.drop()
  await onServer(database, (c) => `create database ${c.escapeIdentifier(database.name)} template ${c.escapeIdentifier(template)}`)
  await runMedusaCli("admin-user", ["user", "-e", ADMIN_LOGIN.email, "-p", ADMIN_LOGIN.password], appEnv, logDir)
  return {
    ...database,
    drop: () => onServer(database, (c) => `drop database if exists ${c.escapeIdentifier(database.name)} with (force)`),
  }
}

describe("the server's log", () => {
  let server: MedusaProcess
  let database: TestDatabase

  beforeAll(async () => {
    const logDir = newLogDir("server-log")
    const s = sandbox.current()
    const env = medusaEnv({
      NODE_ENV: "production",
      LOG_LEVEL: "http",
      STRIPE_API_KEY: SANDBOX_API_KEY,
      STRIPE_WEBHOOK_SECRET: SANDBOX_WEBHOOK_SECRET,
      STRIPE_API_HOST: s.stripe.host,
      STRIPE_API_PORT: String(s.stripe.port),
      STRIPE_API_PROTOCOL: s.stripe.protocol,
      // No email service: Medusa's local notification provider writes each notification to the log.
      RESEND_API_KEY: undefined,
      RESEND_BASE_URL: undefined,
      STRIPE_COLLECT_LINK_SECRET: "a-dedicated-link-secret-for-the-server-log-test-0123456789",
      STRIPE_COLLECT_TEST_TEMPLATE_DB: undefined,
    })
    database = await migratedDatabase(env, logDir)
    server = new MedusaProcess({ name: "server", workerMode: "shared", env: { ...env, DATABASE_URL: database.url }, logDir })
    await server.start()
  })

  afterAll(async () => {
    await server?.stop()
    await database?.drop()
  })

  it("shows no pay token or return nonce while a customer opens, pays and is re-sent a link", async () => {
    const admin = await adminClient(server.url)
    const order = await createUnpaidOrderOverHttp(admin, { amount: 90, email: "log.reader@example.test" })
    const created = expectStatus(
      await admin.post(`/admin/stripe-collect/orders/${order.id}/payment-links`, { amount: 40 }),
      201,
      "creating a payment link"
    ).payment_link as { id: string; url: string }
    const token = created.url.split("/").pop()!
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)

    // The customer: the pay page, its invoice PDF, Pay, Stripe Checkout, back on the return page.
    expect((await fetch(created.url)).status).toBe(200)
    expect((await fetch(`${created.url}/invoice`)).status).toBe(200)
    const checkoutUrl = await pressPay(created.url)
    const back = await payOnSandboxCheckout(checkoutUrl, "4242424242424242")
    expect(back.status).toBe(200)
    const nonce = new URL(back.url).pathname.split("/").pop()!
    expect(nonce.startsWith(`${created.id}.`)).toBe(true)
    // A second link, re-sent by the admin.
    const second = expectStatus(
      await admin.post(`/admin/stripe-collect/orders/${order.id}/payment-links`, { amount: 20 }),
      201,
      "creating a second link"
    ).payment_link as { id: string; url: string }
    expectStatus(await admin.post(`/admin/stripe-collect/payment-links/${second.id}/resend`), 200, "resending the link")
    const secondToken = second.url.split("/").pop()!

    await new Promise((resolve) => setTimeout(resolve, 500))
    const log = fs.readFileSync(server.logFile, "utf8")
    // The log did capture these requests (masked) and the notifications: this test can see what it looks for.
    expect(log).toMatch(/"method":"GET","path":"\/stripe-collect\/pay\/\[token\]"/)
    expect(log).toMatch(/"method":"POST","path":"\/stripe-collect\/pay\/\[token\]"/)
    expect(log).toMatch(/"path":"\/stripe-collect\/pay\/\[token\]\/invoice"/)
    expect(log).toMatch(/"path":"\/stripe-collect\/return\/\[nonce\]\?session_id=cs_/)
    expect(log).toMatch(/"path":"\/admin\/stripe-collect\/payment-links\/[^"]+\/resend"/)
    expect(log).toContain("Attempting to send a notification to: 'log.reader@example.test'")

    for (const secret of [token, secondToken, nonce, nonce.split(".").pop()!]) {
      expect(log.includes(secret)).toBe(false)
    }
  })
})
