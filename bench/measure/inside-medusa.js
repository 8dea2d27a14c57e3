// 1, inside Medusa: where a charge's time goes, beside Medusa's create-collection-and-mark-as-paid. A second
// Medusa on the same database and sandbox, after the timed one stopped, with Medusa's own OpenTelemetry hooks
// preloaded (bench/trace/register.js: HTTP, workflow steps, Query, every SQL statement) and a CPU profile
// (`--cpu-prof`); a few of each, alternating. Nothing in src/ is instrumented. Tracing slows every request, so
// the times here are for comparing parts; the timed figures are measure 1's. SQL statement counts are exact.
const fs = require("fs")
const path = require("path")
const { freePort } = require("../../scripts/lib/database")
const { MEDUSA_CLI } = require("../../scripts/demo/settings")
const { adminClient, expectStatus } = require("../lib/http")
const { stopProcess } = require("../lib/stop-process")
const { monotonicMicros, cpuInWindows, readLargestProfile, perRequest } = require("../lib/cpu-profile")
const { readSpans, indexTraces, findRequest, analyzeRequest, combine, summarizeOperation } = require("../lib/trace-analysis")
const { chargeOurs } = require("./charges")

const WARM_UP = 2
const ROUTES = {
  charge: "/admin/stripe-collect/orders/:id/charges",
  create: "/admin/payment-collections",
  mark: "/admin/payment-collections/:id/mark-as-paid",
}

/** Spans end on Medusa's side a moment after the client has its answer. */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

async function startTracedMedusa({ processes, env, projectRoot, logIn }) {
  const port = await freePort()
  const traceFile = path.join(processes.logDir, "spans.jsonl")
  const profileDir = path.join(processes.logDir, "cpu-profile")
  const nodeOptions = [env.NODE_OPTIONS, `--require ${path.join(__dirname, "..", "trace", "register.js")}`]
  // --cpu-prof is refused in NODE_OPTIONS: it profiles the CLI's process, which runs the server.
  const args = ["--cpu-prof", `--cpu-prof-dir=${profileDir}`, MEDUSA_CLI, "start"]
  const { child } = await processes.start("medusa-traced", process.execPath, args, {
    env: {
      ...env,
      NODE_ENV: "development",
      PORT: String(port),
      BENCH_TRACE_FILE: traceFile,
      NODE_OPTIONS: nodeOptions.filter(Boolean).join(" "),
    },
    cwd: projectRoot,
    ready: async () => (await fetch(`http://127.0.0.1:${port}/health`)).ok,
  })
  const baseUrl = `http://127.0.0.1:${port}`
  return { child, traceFile, profileDir, admin: adminClient(baseUrl, await logIn(baseUrl)) }
}

/** One create-collection-and-mark-as-paid, with each request's client times. */
async function markAsPaidTimed(admin, orderId) {
  const created = expectStatus(
    await admin.post("/admin/payment-collections", { order_id: orderId, amount: 100 }),
    200,
    "Create payment collection"
  )
  const marked = expectStatus(
    await admin.post(`/admin/payment-collections/${created.data.payment_collection.id}/mark-as-paid`, { order_id: orderId }),
    200,
    "Mark as paid"
  )
  return { created, marked }
}

async function measureInsideMedusa({ processes, env, projectRoot, sandbox, orders, logIn }) {
  const traced = await startTracedMedusa({ processes, env, projectRoot, logIn })
  const runs = []
  const windows = { charge: [], mark_as_paid_with_collection: [] }
  try {
    const count = Math.min(orders.charge.length, orders.mark_as_paid.length)
    for (let i = 0; i < count; i++) {
      const mark = sandbox.markRequests()
      const chargeStart = monotonicMicros()
      const charged = expectStatus(await chargeOurs(traced.admin, orders.charge[i]), 201, "Charge card (traced)")
      const chargeEnd = monotonicMicros()
      const intent = sandbox.requests({ since: mark }).find((c) => c.method === "POST" && c.path === "/v1/payment_intents")
      const markStart = monotonicMicros()
      const paid = await markAsPaidTimed(traced.admin, orders.mark_as_paid[i])
      const markEnd = monotonicMicros()
      if (i < WARM_UP) continue
      runs.push({ charged, intent, paid })
      windows.charge.push({ start: chargeStart, end: chargeEnd })
      windows.mark_as_paid_with_collection.push({ start: markStart, end: markEnd })
    }
    await sleep(300)
  } finally {
    // Medusa's graceful shutdown exits the process, which writes the CPU profile.
    await stopProcess(traced.child)
  }

  const spans = readSpans(traced.traceFile)
  const traces = indexTraces(spans)
  const roots = spans.filter((s) => !s.parent)
  const analyze = (route, answer, stripeWindow) => {
    const root = findRequest(roots, { route, from: answer.sentAt, to: answer.answeredAt })
    return root ? analyzeRequest(root, traces.get(root.trace), stripeWindow) : null
  }
  const charges = []
  const markings = []
  for (const { charged, intent, paid } of runs) {
    const charge = analyze(ROUTES.charge, charged, intent && intent.answeredAt !== null ? intent : null)
    if (charge) charges.push(charge)
    const created = analyze(ROUTES.create, paid.created)
    const marked = analyze(ROUTES.mark, paid.marked)
    if (created && marked) markings.push(combine([created, marked]))
  }

  const profile = readLargestProfile(traced.profileDir)
  const cpu = (kind) => (profile ? perRequest(cpuInWindows(profile, windows[kind], projectRoot), windows[kind].length) : null)
  fs.rmSync(traced.profileDir, { recursive: true, force: true })
  return {
    requests_each: runs.length,
    warm_up_each: WARM_UP,
    note: "Traced and profiled: times are inflated by tracing and only compare parts; SQL counts are exact. Steps are leaf workflow steps; phase is relative to the PaymentIntent create at the sandbox.",
    charge: { ...summarizeOperation(charges), cpu: cpu("charge") },
    mark_as_paid_with_collection: { ...summarizeOperation(markings), cpu: cpu("mark_as_paid_with_collection") },
  }
}

module.exports = { measureInsideMedusa }
