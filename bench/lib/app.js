// The app under measurement: a fresh database, the Stripe/Resend sandbox in this process, and the
// development app (./medusa-config.ts, the plugin's ./src) run by `medusa start` as a child process.
const fs = require("fs")
const path = require("path")
const { freePort } = require("../../scripts/lib/database")
const { openDatabase } = require("../../scripts/demo/database")
const { migrate, createAdminUser, startServer } = require("../../scripts/demo/medusa")
const settings = require("../../scripts/demo/settings")
const { startSandbox } = require("../../sandbox")

const { MEDUSA_CLI, PROJECT_ROOT, ADMIN } = settings

/** Environment every Medusa process of the run shares; the sandbox delivers no webhooks (the benchmark sends them). */
function appEnv(databaseUrl, sandbox) {
  return {
    ...process.env,
    DATABASE_URL: databaseUrl,
    MEDUSA_DISABLE_TELEMETRY: "true",
    MEDUSA_DISABLE_ADMIN: "true",
    LOG_LEVEL: process.env.LOG_LEVEL || "warn",
    STRIPE_API_KEY: settings.SANDBOX_API_KEY,
    STRIPE_WEBHOOK_SECRET: settings.SANDBOX_WEBHOOK_SECRET,
    STRIPE_API_HOST: sandbox.stripe.host,
    STRIPE_API_PORT: String(sandbox.stripe.port),
    STRIPE_API_PROTOCOL: sandbox.stripe.protocol,
    RESEND_API_KEY: "re_x",
    RESEND_BASE_URL: sandbox.resendBaseUrl,
  }
}

/** Seeds unpaid orders per group with `medusa exec bench/seed-orders.ts`; returns their ids by group. */
async function seedOrders(processes, env, groups) {
  const file = path.join(processes.logDir, "orders.json")
  await processes.run("seed-orders", process.execPath, [MEDUSA_CLI, "exec", "bench/seed-orders.ts"], {
    env: { ...env, BENCH_ORDER_GROUPS: JSON.stringify(groups), BENCH_ORDERS_FILE: file },
    cwd: PROJECT_ROOT,
  })
  return JSON.parse(fs.readFileSync(file, "utf8"))
}

async function logIn(baseUrl) {
  const response = await fetch(`${baseUrl}/auth/user/emailpass`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: ADMIN.email, password: ADMIN.password }),
  })
  const body = await response.json().catch(() => ({}))
  if (!response.ok || !body.token) throw new Error(`Admin login answered ${response.status}: ${JSON.stringify(body)}`)
  return body.token
}

/** Starts everything; `stop()` is safe to call more than once and after a failed start. */
async function startApp({ processes, orderGroups, step }) {
  let database = null
  let sandbox = null
  const stop = async () => {
    await processes.stopAll()
    if (sandbox) await sandbox.close().catch(() => undefined)
    sandbox = null
    if (database) await database.discard().catch((error) => console.error(`Could not remove the database: ${error.message}`))
    database = null
  }
  try {
    ;[database, sandbox] = await Promise.all([
      step("PostgreSQL", () => openDatabase({ processes, fresh: true, name: "stripe_collect_bench" })),
      step("Stripe sandbox", () => startSandbox({ port: 0, webhookSecret: settings.SANDBOX_WEBHOOK_SECRET, quiet: true })),
    ])
    const env = appEnv(database.url, sandbox)
    await step("Migrations", () => migrate(processes, env))
    const [orders] = await Promise.all([
      step("Orders (medusa exec)", () => seedOrders(processes, env, orderGroups)),
      step("Admin user", () => createAdminUser(processes, env)),
    ])
    const port = await freePort()
    await step("Medusa server", () => startServer(processes, env, port))
    const baseUrl = `http://127.0.0.1:${port}`
    const medusa = processes.running.find((entry) => entry.name === "medusa").child
    const token = await logIn(baseUrl)
    return { baseUrl, token, orders, sandbox, env, medusa, database: database.description, stop }
  } catch (error) {
    await stop()
    throw error
  }
}

module.exports = { startApp, appEnv, logIn }
