// The results as the README shows them (Markdown) and in full (JSON), in bench/results/.
const fs = require("fs")
const path = require("path")

const RESULTS_DIR = path.join(__dirname, "results")
const ms = (value) => (value === null || value === undefined ? "–" : `${value} ms`)
const met = (ok) => (ok === null ? "–" : ok ? "met" : "**missed**")

function targets(r) {
  const c = r.charges
  const w = r.webhooks
  const rounds = r.reconciliation?.rounds ?? []
  const linkCreated = r.links.stripe_calls_per_link_created.mean
  return {
    charge_ratio: c ? c.ratio_p50 <= c.ratio_target : null,
    charge_ratio_stretch: c ? c.ratio_p50 <= c.ratio_stretch : null,
    calls_per_charge: c ? c.stripe_calls_per_charge.max <= 1 : null,
    calls_per_link_created: linkCreated === 0,
    webhook_throughput: w ? w.acknowledged_per_second >= 200 : null,
    webhook_duplicates: w ? w.duplicates_applied === 0 && w.links_paid === w.links_to_settle : null,
    pay_page: r.pay_page ? r.pay_page.p50_above_health_ms <= 20 : null,
    dashboard_weight: r.dashboard ? r.dashboard.gzip_bytes <= 60 * 1024 : null,
    reconciliation_flat:
      rounds.length === 2 ? !r.reconciliation.stripe_requests_grow_with_account && rounds.every((x) => x.as_expected) : null,
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
  const b = c.breakdown
  const pp = (x) => `${ms(x.p50_ms)} / ${ms(x.p95_ms)}`
  const inside = c.inside_medusa
  const sqlOf = (op) => (op ? `${op.sql.statements_p50}` : "–")
  const rounds = r.reconciliation?.rounds ?? []
  const roundRow = (x, i) => [
    i === 0 ? "7. Reconciliation (one `POST /admin/stripe-collect/reconcile`)" : "",
    `${x.unrelated_payment_intents.toLocaleString("en-US")} unrelated PaymentIntents (${x.payment_intents_in_account.toLocaleString("en-US")} in the account): **${x.stripe_requests} Stripe requests** (${endpoints(x.by_operation)}), ${ms(x.ms)}; asked about ${x.summary.checked} unsettled attempts: ${x.lost_charges} lost charges → ${x.summary.recorded} recorded, ${x.open_checkouts} open link Checkouts → ${x.summary.waiting} waiting${x.as_expected ? "" : " (**not as set up**)"}`,
    i === 0 ? "same count at 10,000" : "",
    i === 0 ? "" : met(t.reconciliation_flat),
  ]
  const rows = [
    ["1. Charge card (p50 / p95)", `${pp(c.charge)} over ${c.orders_each} orders`, "", ""],
    [
      "   Medusa: create a collection + mark it paid (p50 / p95)",
      `${pp(c.mark_as_paid_with_collection)} over ${c.orders_each} orders (create ${ms(c.mark_as_paid_parts.create_collection.p50_ms)} + mark-as-paid ${ms(c.mark_as_paid_parts.mark_as_paid.p50_ms)}, p50 each)`,
      "",
      "",
    ],
    [
      "   ratio charge / (create + mark-as-paid)",
      `${c.ratio_p50} (p50), ${c.ratio_p95} (p95); against mark-as-paid alone ${c.ratio_p50_vs_mark_only} (p50)`,
      `≤ ${c.ratio_target} (stretch ${c.ratio_stretch})`,
      `${met(t.charge_ratio)}${t.charge_ratio ? ` (stretch ${t.charge_ratio_stretch ? "met" : "missed"})` : ""}`,
    ],
    [
      "   where a charge's time goes (p50 / p95)",
      `before Stripe ${pp(b.before_stripe)} · at Stripe ${pp(b.at_stripe)} · after Stripe ${pp(b.after_stripe)}; one create+confirm straight from a client takes ${ms(b.stripe_call_alone_direct.p50_ms)} (p50)`,
      "",
      "",
    ],
    [
      "   SQL statements per request",
      inside
        ? `charge ${sqlOf(inside.charge)}${phases(inside.charge)}; create + mark-as-paid ${sqlOf(inside.mark_as_paid_with_collection)} (traced pass, below)`
        : "–",
      "",
      "",
    ],
    [
      "2. Stripe calls per charge",
      `${c.stripe_calls_per_charge.mean} (${endpoints(c.stripe_calls_per_charge.by_endpoint)})`,
      "1",
      met(t.calls_per_charge),
    ],
    ["   per link created", `${r.links.stripe_calls_per_link_created.mean}`, "0", met(t.calls_per_link_created)],
    [
      "   per link paid",
      `${r.links.stripe_calls_per_checkout_started.mean} to start Checkout (${endpoints(r.links.stripe_calls_per_checkout_started.by_endpoint)}) + ${w.stripe_calls_per_link_settled.mean} to settle (${endpoints(w.stripe_calls_per_link_settled.by_endpoint)})`,
      "1 session + reads",
      "see note",
    ],
    [
      "3. Webhooks acknowledged",
      `${w.acknowledged_per_second}/s (GET /health at the same concurrency: ${w.health_per_second_same_concurrency}/s; ${w.acknowledged} of ${w.sent} in ${w.ack_seconds} s, concurrency ${w.concurrency}; ${w.distinct} distinct, ${w.distinct_from_this_runs_flows} of them from this run's charges and links, ${w.duplicates_sent} duplicates)`,
      "≥ 200/s",
      met(t.webhook_throughput),
    ],
    [
      "   all applied",
      `${w.all_applied_seconds === null ? "not within 60 s" : `${w.all_applied_seconds} s`} after the first (${w.links_paid}/${w.links_to_settle} links paid; includes Medusa's 5 s webhook delay); subscriber failures logged: ${w.subscriber_failures.total} (${w.subscriber_failures.lock_timeouts} lock time-outs, ${w.subscriber_failures.database_aborted} aborted database queries)`,
      "",
      "",
    ],
    ["   duplicates applied", `${w.duplicates_applied}`, "0", met(t.webhook_duplicates)],
    [
      "4. Pay page (p50 / p95)",
      `${ms(p.pay_page.p50_ms)} / ${ms(p.pay_page.p95_ms)}; /health ${ms(p.health.p50_ms)} / ${ms(p.health.p95_ms)}; first view ${ms(p.first_view.p50_ms)} p50`,
      "",
      "",
    ],
    ["   p50 above /health", ms(p.p50_above_health_ms), "≤ 20 ms", met(t.pay_page)],
    [
      "5. Dashboard weight (gzip)",
      `${(r.dashboard.gzip_bytes / 1024).toFixed(1)} KB (${(r.dashboard.bytes / 1024).toFixed(1)} KB raw)`,
      "≤ 60 KB",
      met(t.dashboard_weight),
    ],
    [
      "6. Memory (RSS)",
      `peak ${r.memory.peak_during_charges_mb} MB during 1, ${r.memory.peak_during_webhooks_mb} MB during 3; idle ${r.memory.idle_with_plugin_mb} MB with the plugin, ${r.memory.idle_without_plugin_mb} MB without`,
      "",
      "",
    ],
    ...rounds.map(roundRow),
  ]
  return [
    `# Benchmark results`,
    ``,
    `${r.machine.date} · ${r.machine.cpus} × ${r.machine.cpu_model} · Node ${r.machine.node} · ${r.machine.platform} · Medusa ${r.machine.medusa} · ${r.machine.commit ? `commit ${r.machine.commit.id}${r.machine.commit.uncommitted_changes ? " with uncommitted changes" : ""} ·` : ""} database: ${r.machine.database} · run took ${r.machine.run_seconds} s · load average ${r.machine.load_average_1m.start} at start, ${r.machine.load_average_1m.end} at the end`,
    ``,
    `| measurement | result | target | |`,
    `|---|---|---|---|`,
    ...rows.map((row) => `| ${row.join(" | ")} |`),
    ``,
    `Reproduce: \`npm run bench\` (embedded PostgreSQL unless \`DATABASE_URL\`/\`DB_HOST\` is set). Times are client-side, one request at a time except for webhooks; the Stripe API is the local sandbox. "At Stripe" is the sandbox's own handling of the PaymentIntent create (its request log's receivedAt → answeredAt, on the benchmark's clock); the SDK's work and the local HTTP hop count before and after.`,
    ``,
    ...insideMedusa(inside),
  ].join("\n")
}

/** The traced pass: SQL, leaf workflow steps and CPU per request, a charge beside create + mark-as-paid. */
function insideMedusa(inside) {
  if (!inside) return []
  const ch = inside.charge
  const mp = inside.mark_as_paid_with_collection
  const top = (map, n = 6) =>
    Object.entries(map)
      .slice(0, n)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")
  const stepRows = (op) =>
    op.steps.map(
      (x) =>
        `| ${x.phase.replace(/_/g, " ")} | \`${x.step}\` | ${x.step.startsWith("(") ? "–" : ms(x.ms_p50)} | ${x.queries} | ${ms(x.query_ms_p50)} |`
    )
  const cpu = (op) =>
    op.cpu ? `${ms(op.cpu.cpu_ms_per_request)} of ${ms(op.cpu.wall_ms_per_request)}: ${top(op.cpu.by_category_ms, 8)}` : "–"
  return [
    `## Inside Medusa (traced pass)`,
    ``,
    `${inside.requests_each} charges and ${inside.requests_each} create + mark-as-paid, alternating, on a second Medusa with Medusa's own OpenTelemetry hooks (workflow steps, Query, every SQL statement) preloaded from \`bench/trace/register.js\` and \`--cpu-prof\`; nothing in \`src/\` is instrumented. Tracing inflates times, so compare parts, not totals; statement counts are exact. Medians per request.`,
    ``,
    `| | charge | create + mark-as-paid |`,
    `|---|---|---|`,
    `| request (traced) | ${ms(ch.ms_p50)} | ${ms(mp.ms_p50)} |`,
    `| SQL statements | ${ch.sql.statements_p50}${phases(ch)}, ${ms(ch.sql.statement_ms_p50)} waiting on them | ${mp.sql.statements_p50}, ${ms(mp.sql.statement_ms_p50)} |`,
    `| by kind | ${top(ch.sql.by_command)} | ${top(mp.sql.by_command)} |`,
    `| by table | ${top(ch.sql.by_table, 10)} | ${top(mp.sql.by_table, 10)} |`,
    `| outside leaf steps (route code, middlewares, workflow engine) | ${ms(ch.outside_steps_ms_p50)} | ${ms(mp.outside_steps_ms_p50)} |`,
    `| CPU (profile; busy of wall, by where the code lives) | ${cpu(ch)} | ${cpu(mp)} |`,
    `| hottest functions (self CPU) | ${ch.cpu ? top(ch.cpu.top_functions_ms, 5) : "–"} | ${mp.cpu ? top(mp.cpu.top_functions_ms, 5) : "–"} |`,
    ``,
    `Slowest leaf steps of a charge (phase: relative to the PaymentIntent create at the sandbox):`,
    ``,
    `| phase | step | time | SQL | SQL time |`,
    `|---|---|---|---|---|`,
    ...stepRows(ch),
    ``,
    `Slowest leaf steps of create + mark-as-paid:`,
    ``,
    `| | step | time | SQL | SQL time |`,
    `|---|---|---|---|---|`,
    ...stepRows(mp),
    ``,
  ]
}

function phases(op) {
  return op?.sql.by_phase.before_stripe !== undefined
    ? ` (${op.sql.by_phase.before_stripe} before Stripe, ${op.sql.by_phase.after_stripe ?? 0} after)`
    : ""
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
