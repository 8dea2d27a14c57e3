// `npm run bench`: boots the development app with the sandbox and measures, in one run, the six things
// issue 10 asks for and what issue 14 adds (where a charge's time goes, reconciliation's cost); writes
// bench/results/latest.{md,json}. No assertions on time.
const fs = require("fs")
const os = require("os")
const path = require("path")
const { ProcessGroup } = require("../scripts/demo/processes")
const settings = require("../scripts/demo/settings")
const { startApp } = require("./lib/app")
const { sampleRss } = require("./lib/rss")
const { stopProcess } = require("./lib/stop-process")
const { adminClient } = require("./lib/http")
const { measureCharges } = require("./measure/charges")
const { createLinks, measurePayPage, payLinks } = require("./measure/payment-links")
const { measureWebhooks } = require("./measure/webhooks")
const { measureDashboardWeight } = require("./measure/dashboard-weight")
const { idleRssWithoutPlugin } = require("./measure/idle-without-plugin")
const { measureInsideMedusa } = require("./measure/inside-medusa")
const { beginReconciliation, finishReconciliation, RECONCILIATION_ORDERS } = require("./measure/reconciliation")
const { logIn } = require("./lib/app")
const { writeResults } = require("./report")

/**
 * Fresh orders per flow: 3 warm-up + 50 measured for each side of 1; 60 payment links for 2, 3 and 4; lost
 * charges and open Checkouts for 7; 2 warm-up + 8 traced of each side for 1's look inside Medusa.
 */
const ORDER_GROUPS = { charge: 53, mark_as_paid: 53, link: 60, ...RECONCILIATION_ORDERS, traced_charge: 10, traced_mark: 10 }
const PAY_PAGE_ROUNDS = 100
/** Everything, start to stop (about 3 minutes on a quiet 2-core machine, 5–6 under load); a hang fails the run instead of blocking. */
const RUN_LIMIT_MS = 15 * 60_000

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

async function timed(label, task) {
  const started = Date.now()
  const took = () => `${((Date.now() - started) / 1000).toFixed(1)} s`
  try {
    const result = await task()
    console.log(`  ${label}: ${took()}`)
    return result
  } catch (error) {
    console.log(`  ${label}: failed after ${took()}`)
    throw error
  }
}

const began = Date.now()
/** Other work on the machine skews every number: the 1-minute load average at start and end goes into the results. */
const loadAtStart = Math.round(os.loadavg()[0] * 10) / 10
// Which code was measured (read at the start, as Medusa loads it): the checkout's commit, and whether src/ or the sandbox had uncommitted changes.
const git = (args) => require("child_process").execFileSync("git", args, { cwd: settings.PROJECT_ROOT, encoding: "utf8" }).trim()
const commit = (() => {
  try {
    return {
      id: git(["rev-parse", "--short", "HEAD"]),
      uncommitted_changes: git(["status", "--porcelain", "--", "src", "sandbox", "medusa-config.ts"]) !== "",
    }
  } catch {
    return null
  }
})()
const logDir = fs.mkdtempSync(path.join(os.tmpdir(), "stripe-collect-bench-"))
const processes = new ProcessGroup({ logDir })
let app = null
let finished = false
/** What has been measured so far, saved (git-ignored) when a later step fails. */
const partial = {}
const keep = (key) => (value) => ((partial[key] = value), value)

/** Stops everything this run started (Medusa, PostgreSQL, the sandbox), then exits. */
async function finish(code, message) {
  if (finished) return
  finished = true
  if (message) console.log(message)
  if (code !== 0 && Object.keys(partial).length) {
    const file = path.join(__dirname, "results", "partial.json.tmp")
    fs.writeFileSync(file, `${JSON.stringify(partial, null, 2)}\n`)
    console.log(`Measured before the failure: ${path.relative(process.cwd(), file)}`)
  }
  if (app) await app.stop()
  else await processes.stopAll()
  if (code === 0) fs.rmSync(logDir, { recursive: true, force: true })
  else console.log(`Logs: ${logDir}`)
  process.exit(code)
}

async function main() {
  process.on("SIGINT", () => finish(130, "\nInterrupted."))
  process.on("SIGTERM", () => finish(143, "\nTerminated."))
  setTimeout(() => finish(1, `\nThe benchmark did not finish within ${RUN_LIMIT_MS / 60_000} minutes.`), RUN_LIMIT_MS).unref()

  const { payOnSandboxCheckout } = require("../integration-tests/helpers/checkout")
  console.log("Benchmark: starting a fresh store (database, Stripe sandbox, Medusa) …")
  app = await startApp({ processes, orderGroups: ORDER_GROUPS, step: timed })
  const admin = adminClient(app.baseUrl, app.token)
  const rss = sampleRss(app.medusa.pid)
  await sleep(3000)
  const idleWithPlugin = keep("idle_with_plugin_mb")(Math.round(rss.current() / 102.4) / 10)

  console.log("Measuring:")
  const reconciliationStarted = await timed("7. reconciliation, 10 unrelated payments", () =>
    beginReconciliation({ admin, baseUrl: app.baseUrl, sandbox: app.sandbox, apiKey: settings.SANDBOX_API_KEY, orders: app.orders })
  )
  keep("reconciliation")({ rounds: [reconciliationStarted.first] })
  rss.mark("charges")
  const charges = await timed("1. charge card vs mark-as-paid", () =>
    measureCharges({ admin, sandbox: app.sandbox, orders: app.orders, apiKey: settings.SANDBOX_API_KEY }).then(keep("charges"))
  )
  rss.mark("links")
  const links = await timed("2. payment links sent", () =>
    createLinks({ admin, sandbox: app.sandbox, orderIds: app.orders.link }).then(keep("links"))
  )
  const payPage = await timed("4. pay page vs /health", () =>
    measurePayPage({ baseUrl: app.baseUrl, links: links.links, rounds: PAY_PAGE_ROUNDS }).then(keep("pay_page"))
  )
  const paid = await timed("2. links paid on Checkout", () =>
    payLinks({ baseUrl: app.baseUrl, sandbox: app.sandbox, links: links.links, payOnSandboxCheckout }).then(keep("paid"))
  )
  rss.mark("webhooks")
  const webhooks = await timed("3. webhook ingestion", () =>
    measureWebhooks({
      baseUrl: app.baseUrl,
      sandbox: app.sandbox,
      databaseUrl: app.env.DATABASE_URL,
      linkCount: links.links.length,
      secret: settings.SANDBOX_WEBHOOK_SECRET,
      medusaLog: processes.logFile("medusa"),
    }).then(keep("webhooks"))
  )
  rss.mark("done")
  rss.stop()
  const reconciliation = await timed("7. reconciliation, 10,000 unrelated payments", () =>
    finishReconciliation(reconciliationStarted, { orders: app.orders }).then(keep("reconciliation"))
  )
  await timed("Medusa stopped", () => stopProcess(app.medusa))
  const insideMedusa = await timed("1. inside Medusa (traced and profiled)", () =>
    measureInsideMedusa({
      processes,
      env: app.env,
      projectRoot: settings.PROJECT_ROOT,
      sandbox: app.sandbox,
      orders: { charge: app.orders.traced_charge, mark_as_paid: app.orders.traced_mark },
      logIn,
    }).then(keep("inside_medusa"))
  )

  const [dashboard, idleWithoutPlugin] = await Promise.all([
    timed("5. dashboard weight (admin build)", () =>
      measureDashboardWeight({ processes, projectRoot: settings.PROJECT_ROOT }).then(keep("dashboard"))
    ),
    timed("6. idle Medusa without the plugin", () =>
      idleRssWithoutPlugin({ processes, projectRoot: settings.PROJECT_ROOT, env: app.env }).then(keep("idle_without_plugin_mb"))
    ),
  ])

  const medusaVersion = require("@medusajs/medusa/package.json").version
  const results = {
    machine: {
      date: new Date().toISOString(),
      cpus: os.cpus().length,
      cpu_model: os.cpus()[0]?.model?.trim() ?? "unknown",
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
      medusa: medusaVersion,
      commit,
      database: /embedded/.test(app.database) ? "embedded PostgreSQL" : "configured PostgreSQL",
      run_seconds: Math.round((Date.now() - began) / 1000),
      load_average_1m: { start: loadAtStart, end: Math.round(os.loadavg()[0] * 10) / 10 },
    },
    charges: { ...charges, inside_medusa: insideMedusa },
    reconciliation,
    links: {
      count: links.links.length,
      create: links.create,
      stripe_calls_per_link_created: links.stripe_calls_per_link_created,
      press_pay: paid.press_pay,
      stripe_calls_per_checkout_started: paid.stripe_calls_per_checkout_started,
    },
    pay_page: payPage,
    webhooks,
    dashboard,
    memory: {
      idle_with_plugin_mb: idleWithPlugin,
      peak_during_charges_mb: rss.peakMb("charges"),
      peak_during_webhooks_mb: rss.peakMb("webhooks"),
      idle_without_plugin_mb: idleWithoutPlugin,
    },
  }
  console.log(`\n${writeResults(results)}`)
  console.log(`Written to bench/results/latest.md and latest.json (${results.machine.run_seconds} s).`)
  await finish(0)
}

main().catch((error) => {
  console.error(error)
  return finish(1, "The benchmark failed.")
})
