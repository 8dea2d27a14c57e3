// Everything the demo and the browser tests run: PostgreSQL, the Stripe/Resend sandbox (unless real keys
// are given), migrations, the seed, the admin login and the Medusa server with its dashboard.
const fs = require("fs")
const path = require("path")
const { freePort } = require("../lib/database")
const { openDatabase } = require("./database")
const { migrationFingerprint, readDemoState, saveDemoState } = require("./demo-state")
const { createAdminUser, migrate, seed, startServer, warmDashboard } = require("./medusa")
const settings = require("./settings")

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = require("net").createServer()
    server.once("error", () => resolve(false))
    server.listen(port, "0.0.0.0", () => server.close(() => resolve(true)))
  })
}

/** The wanted port when it is free, else any free one (a second demo, or something else on 9000). */
async function choosePort(wanted, progress) {
  if (!wanted) return freePort()
  if (await portIsFree(wanted)) return wanted
  const port = await freePort()
  progress.note(`port ${wanted} is taken; using ${port}`)
  return port
}

function stripeMode(env) {
  const key = env.STRIPE_API_KEY
  if (!key) return "sandbox"
  if (/^(sk|rk)_live_/.test(key)) {
    throw new Error("STRIPE_API_KEY is a live key. The demo only runs with test keys (sk_test_...) or the sandbox.")
  }
  return "stripe"
}

function appendOrigin(list, origin) {
  const entries = (list || "").split(",").filter(Boolean)
  return [...new Set([...entries, origin])].join(",")
}

/**
 * purpose "demo": the database in .demo-data/ (or DATABASE_URL), ports 9000 and 12111 when free.
 * purpose "e2e": a fresh database and free ports; everything is thrown away by `stop()`.
 */
async function startStack({ purpose, processes, progress }) {
  const fresh = purpose === "e2e"
  // The browser tests always run against the sandbox, whatever keys the developer's shell holds.
  const stripe = fresh ? "sandbox" : stripeMode(process.env)
  const resendKey = fresh ? undefined : process.env.RESEND_API_KEY
  const useSandbox = stripe === "sandbox" || !resendKey
  const medusaPort = await choosePort(fresh ? 0 : Number(process.env.PORT || settings.DEFAULT_MEDUSA_PORT), progress)
  const sandboxPort = fresh ? 0 : Number(process.env.SANDBOX_PORT || settings.DEFAULT_SANDBOX_PORT)
  const origin = `http://localhost:${medusaPort}`
  const webhookUrl = `http://127.0.0.1:${medusaPort}${settings.WEBHOOK_PATH}`
  let database = null

  const stop = async () => {
    await processes.stopAll()
    if (database) await database.discard().catch((error) => console.error(`Could not remove the database: ${error.message}`))
  }

  try {
    const [db, sandbox] = await Promise.all([
      progress.step("PostgreSQL", async () => {
        database = await openDatabase({
          processes,
          fresh,
          dataDir: path.join(settings.DEMO_DATA_DIR, "postgres"),
          name: fresh ? "stripe_collect_e2e" : "stripe_collect_demo",
        })
        progress.note(database.description)
        return database
      }),
      useSandbox
        ? progress.step(stripe === "sandbox" ? "Stripe sandbox" : "Email sandbox", async () =>
            processes.fork("sandbox", path.join(__dirname, "services/sandbox.js"), {
              env: {
                ...process.env,
                STRIPE_COLLECT_SANDBOX_PORT: String(await choosePort(sandboxPort, progress)),
                STRIPE_COLLECT_SANDBOX_WEBHOOK_URL: webhookUrl,
                STRIPE_COLLECT_SANDBOX_WEBHOOK_SECRET: settings.SANDBOX_WEBHOOK_SECRET,
              },
            })
          )
        : Promise.resolve(null),
    ])

    const seedResultFile = path.join(processes.logDir, "seed.json")
    const env = {
      ...process.env,
      DATABASE_URL: db.url,
      MEDUSA_DISABLE_TELEMETRY: "true",
      ADMIN_CORS: appendOrigin(process.env.ADMIN_CORS || "http://localhost:9000,http://localhost:5173", origin),
      AUTH_CORS: appendOrigin(process.env.AUTH_CORS || "http://localhost:9000,http://localhost:5173,http://localhost:8000", origin),
      STRIPE_COLLECT_SEED_RESULT: seedResultFile,
      STRIPE_COLLECT_ADMIN_EMAIL: settings.ADMIN.email,
      ...(stripe === "sandbox"
        ? {
            STRIPE_API_KEY: settings.SANDBOX_API_KEY,
            STRIPE_WEBHOOK_SECRET: settings.SANDBOX_WEBHOOK_SECRET,
            STRIPE_API_HOST: "127.0.0.1",
            STRIPE_API_PORT: String(sandbox.port),
            STRIPE_API_PROTOCOL: "http",
            SANDBOX_PORT: String(sandbox.port),
            // Connect OAuth (the sandbox's consent page) for the browser tests; the demo uses the key's own account
            // unless STRIPE_CONNECT_CLIENT_ID is given, so its customer's saved card can be charged at once.
            ...(fresh || process.env.STRIPE_CONNECT_CLIENT_ID
              ? { STRIPE_CONNECT_CLIENT_ID: process.env.STRIPE_CONNECT_CLIENT_ID || settings.SANDBOX_CONNECT_CLIENT_ID }
              : {}),
          }
        : {}),
      ...(sandbox && !resendKey ? { RESEND_API_KEY: settings.SANDBOX_RESEND_KEY, RESEND_BASE_URL: sandbox.url } : {}),
    }
    // The webhook's signing secret comes from the sandbox or from `stripe listen`; without one, Medusa rejects events.
    if (stripe === "stripe" && !env.STRIPE_WEBHOOK_SECRET) {
      progress.note("STRIPE_WEBHOOK_SECRET is not set: payment links are only marked paid once webhooks arrive (see README)")
    }

    // A second demo start skips the migrations when nothing they act on changed (see demo-state.js).
    const known = db.key ? readDemoState(db.key) : {}
    const fingerprint = migrationFingerprint()
    if (known.migrations === fingerprint) {
      progress.note("Database migrations: up to date (npm run demo -- --reset starts over)")
    } else {
      await progress.step("Database migrations", () => migrate(processes, env))
      if (db.key) saveDemoState(db.key, { migrations: fingerprint })
    }

    // Sequential on purpose: every Medusa process creates the default store at boot, unguarded against
    // a second process doing the same on an empty database.
    await progress.step("Seed: store, regions, product, customers, unpaid orders", () => seed(processes, env))
    const seeded = JSON.parse(fs.readFileSync(seedResultFile, "utf8"))
    await Promise.all([
      seeded.admin_user_exists ? Promise.resolve() : progress.step("Admin user", () => createAdminUser(processes, env)),
      progress.step("Medusa server", () => startServer(processes, env, medusaPort)),
    ])
    await progress.step("Dashboard (first build by Vite)", () => warmDashboard(origin))

    return {
      stop,
      env,
      seeded,
      stripe,
      database: database.description,
      admin: settings.ADMIN,
      urls: {
        backend: origin,
        dashboard: `${origin}/app`,
        webhook: `${origin}${settings.WEBHOOK_PATH}`,
        sandbox: sandbox ? sandbox.url : null,
        sandboxDashboard: sandbox && stripe === "sandbox" ? `${sandbox.url}/_sandbox` : null,
        inbox: sandbox ? `${sandbox.url}/_sandbox/inbox` : null,
      },
      logs: processes.logDir,
    }
  } catch (error) {
    await stop()
    throw error
  }
}

module.exports = { startStack }
