// The results as the README shows them (Markdown) and in full (JSON), in bench/results/.
const fs = require("fs")
const path = require("path")

const RESULTS_DIR = path.join(__dirname, "results")
const ms = (value) => (value === null || value === undefined ? "–" : `${value} ms`)
const met = (ok) => (ok === null ? "–" : ok ? "met" : "**missed**")

function targets(r) {
  const c = r.charges
  const w = r.webhooks
  const linkCreated = r.links.stripe_calls_per_link_created.mean
  return {
    charge_ratio: c ? c.ratio_p50 <= 1.25 : null,
    calls_per_charge: c ? c.stripe_calls_per_charge.max <= 1 : null,
    calls_per_link_created: linkCreated === 0,
    webhook_throughput: w ? w.acknowledged_per_second >= 200 : null,
    webhook_duplicates: w ? w.duplicates_applied === 0 && w.links_paid === w.links_to_settle : null,
    pay_page: r.pay_page ? r.pay_page.p50_above_health_ms <= 20 : null,
    dashboard_weight: r.dashboard ? r.dashboard.gzip_bytes <= 60 * 1024 : null,
  }
}

function markdown(r) {
  const t = targets(r)
  const c = r.charges
  const w = r.webhooks
  const p = r.pay_page
  const endpoints = (byEndpoint) =>
    Object.entries(byEndpoint)
      .map(([k, v]) => `${v}× \`${k}\``)
      .join(", ") || "none"
  const rows = [
    ["1. Charge card (p50 / p95)", `${ms(c.charge.p50_ms)} / ${ms(c.charge.p95_ms)} over ${c.orders_each} orders`, "", ""],
    ["   Medusa mark-as-paid (p50 / p95)", `${ms(c.mark_as_paid.p50_ms)} / ${ms(c.mark_as_paid.p95_ms)} over ${c.orders_each} orders (with creating the collection: ${ms(c.mark_as_paid_with_collection.p50_ms)} p50)`, "", ""],
    ["   ratio charge / mark-as-paid", `${c.ratio_p50} (p50), ${c.ratio_p95} (p95)`, "≤ 1.25", met(t.charge_ratio)],
    ["   where a charge's time goes (p50)", `${ms(c.breakdown.until_stripe_call.p50_ms)} until the PaymentIntent create reaches Stripe, ${ms(c.breakdown.create_to_read_back.p50_ms)} from it to the read-back, ${ms(c.breakdown.read_back_to_answer.p50_ms)} from the read-back to the answer; one Stripe call alone takes ${ms(c.breakdown.stripe_call_alone_direct.p50_ms)}`, "", ""],
    ["2. Stripe calls per charge", `${c.stripe_calls_per_charge.mean} (${endpoints(c.stripe_calls_per_charge.by_endpoint)})`, "1", met(t.calls_per_charge)],
    ["   per link created", `${r.links.stripe_calls_per_link_created.mean}`, "0", met(t.calls_per_link_created)],
    ["   per link paid", `${r.links.stripe_calls_per_checkout_started.mean} to start Checkout (${endpoints(r.links.stripe_calls_per_checkout_started.by_endpoint)}) + ${w.stripe_calls_per_link_settled.mean} to settle (${endpoints(w.stripe_calls_per_link_settled.by_endpoint)})`, "1 session + reads", "see note"],
    ["3. Webhooks acknowledged", `${w.acknowledged_per_second}/s (GET /health at the same concurrency: ${w.health_per_second_same_concurrency}/s; ${w.acknowledged} of ${w.sent} in ${w.ack_seconds} s, concurrency ${w.concurrency}; ${w.distinct} distinct, ${w.distinct_from_this_runs_flows} of them from this run's charges and links, ${w.duplicates_sent} duplicates)`, "≥ 200/s", met(t.webhook_throughput)],
    ["   all applied", `${w.all_applied_seconds === null ? "not within 60 s" : `${w.all_applied_seconds} s`} after the first (${w.links_paid}/${w.links_to_settle} links paid; includes Medusa's 5 s webhook delay); subscriber failures logged: ${w.subscriber_failures.total} (${w.subscriber_failures.lock_timeouts} lock time-outs, ${w.subscriber_failures.database_aborted} aborted database queries)`, "", ""],
    ["   duplicates applied", `${w.duplicates_applied}`, "0", met(t.webhook_duplicates)],
    ["4. Pay page (p50 / p95)", `${ms(p.pay_page.p50_ms)} / ${ms(p.pay_page.p95_ms)}; /health ${ms(p.health.p50_ms)} / ${ms(p.health.p95_ms)}; first view ${ms(p.first_view.p50_ms)} p50`, "", ""],
    ["   p50 above /health", ms(p.p50_above_health_ms), "≤ 20 ms", met(t.pay_page)],
    ["5. Dashboard weight (gzip)", `${(r.dashboard.gzip_bytes / 1024).toFixed(1)} KB (${(r.dashboard.bytes / 1024).toFixed(1)} KB raw)`, "≤ 60 KB", met(t.dashboard_weight)],
    ["6. Memory (RSS)", `peak ${r.memory.peak_during_charges_mb} MB during 1, ${r.memory.peak_during_webhooks_mb} MB during 3; idle ${r.memory.idle_with_plugin_mb} MB with the plugin, ${r.memory.idle_without_plugin_mb} MB without`, "", ""],
  ]
  return [
    `# Benchmark results`,
    ``,
    `${r.machine.date} · ${r.machine.cpus} × ${r.machine.cpu_model} · Node ${r.machine.node} · ${r.machine.platform} · Medusa ${r.machine.medusa} · database: ${r.machine.database} · run took ${r.machine.run_seconds} s · load average ${r.machine.load_average_1m.start} at start, ${r.machine.load_average_1m.end} at the end`,
    ``,
    `| measurement | result | target | |`,
    `|---|---|---|---|`,
    ...rows.map((row) => `| ${row.join(" | ")} |`),
    ``,
    `Reproduce: \`npm run bench\` (embedded PostgreSQL unless \`DATABASE_URL\`/\`DB_HOST\` is set). Times are client-side, one request at a time except for webhooks; the Stripe API is the local sandbox.`,
    ``,
  ].join("\n")
}

function writeResults(results) {
  fs.mkdirSync(RESULTS_DIR, { recursive: true })
  const withTargets = { ...results, targets_met: targets(results) }
  fs.writeFileSync(path.join(RESULTS_DIR, "latest.json"), `${JSON.stringify(withTargets, null, 2)}\n`)
  const md = markdown(results)
  fs.writeFileSync(path.join(RESULTS_DIR, "latest.md"), md)
  return md
}

module.exports = { writeResults, markdown, targets }
