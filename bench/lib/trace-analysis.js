// Reads the traced pass's spans (bench/trace/register.js): per request, its SQL statements (how many, of which
// kind, on which tables, before or after Stripe) and the workflow steps its time went to.
const fs = require("fs")

function readSpans(file) {
  if (!fs.existsSync(file)) return []
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line))
}

const isQuery = (span) => span.name.startsWith("pg.query:")
const isStep = (span) => span.name.startsWith("step:")
/** "step:capture-payment-step:invoke" → "capture-payment-step". */
const stepName = (span) => span.name.replace(/^step:/, "").replace(/:invoke$|:compensate$/, "")

/** BEGIN, SELECT, INSERT, ...: the statement's first word. */
const commandOf = (span) => span.name.slice("pg.query:".length).split(" ")[0].toUpperCase()

/** The table a statement is about: the first one it reads from, inserts into or updates. */
function tableOf(span) {
  const sql = span.attributes?.["db.statement"] ?? ""
  const match = /\b(?:from|into|update)\s+"?([a-z_][a-z0-9_]*)"?/i.exec(sql)
  return match ? match[1] : null
}

/** The spans of each trace, indexed. */
function indexTraces(spans) {
  const traces = new Map()
  for (const span of spans) {
    if (!traces.has(span.trace)) traces.set(span.trace, [])
    traces.get(span.trace).push(span)
  }
  return traces
}

/** The HTTP request's root span (Medusa names it by route) that started within [from, to]. */
function findRequest(spans, { route, from, to }) {
  return spans.find((s) => !s.parent && s.name === route && s.start >= from - 1 && s.start <= to + 1) ?? null
}

/** The nearest enclosing step span that has no step inside it (a leaf step), or null. */
function enclosingLeafStep(span, byId, leafIds) {
  let current = span.parent ? byId.get(span.parent) : undefined
  while (current) {
    if (leafIds.has(current.id)) return current
    current = current.parent ? byId.get(current.parent) : undefined
  }
  return null
}

/** Total length of the union of intervals. */
function unionMs(intervals) {
  const sorted = intervals.map(([a, b]) => [a, b]).sort((x, y) => x[0] - y[0])
  let total = 0
  let current = null
  for (const [start, end] of sorted) {
    if (!current || start > current[1]) {
      if (current) total += current[1] - current[0]
      current = [start, end]
    } else current[1] = Math.max(current[1], end)
  }
  if (current) total += current[1] - current[0]
  return total
}

/**
 * One request: its SQL (count, by command and table, split by a Stripe call's window when given) and its
 * leaf workflow steps (time and SQL each); time outside leaf steps is the route's own code, middlewares and
 * the workflow engine between steps.
 */
function analyzeRequest(root, traceSpans, stripeWindow = null) {
  const byId = new Map(traceSpans.map((s) => [s.id, s]))
  const steps = traceSpans.filter(isStep)
  const parentsOfSteps = new Set()
  for (const step of steps) {
    let current = step.parent ? byId.get(step.parent) : undefined
    while (current) {
      if (isStep(current)) parentsOfSteps.add(current.id)
      current = current.parent ? byId.get(current.parent) : undefined
    }
  }
  const leaves = steps.filter((s) => !parentsOfSteps.has(s.id))
  const leafIds = new Set(leaves.map((s) => s.id))

  const phaseOf = (span) => {
    if (!stripeWindow) return "all"
    if (span.end <= stripeWindow.receivedAt) return "before_stripe"
    if (span.start >= stripeWindow.answeredAt) return "after_stripe"
    return "during_stripe"
  }
  const queries = traceSpans.filter(isQuery)
  const sql = { total: queries.length, ms: 0, by_phase: {}, by_command: {}, by_table: {} }
  const stepRows = new Map()
  const rowFor = (name, phase) => {
    const key = `${name}|${phase}`
    if (!stepRows.has(key)) stepRows.set(key, { step: name, phase, ms: 0, queries: 0, query_ms: 0 })
    return stepRows.get(key)
  }
  for (const leaf of leaves) rowFor(stepName(leaf), phaseOf(leaf)).ms += leaf.end - leaf.start
  for (const query of queries) {
    const ms = query.end - query.start
    const phase = phaseOf(query)
    sql.ms += ms
    sql.by_phase[phase] = (sql.by_phase[phase] ?? 0) + 1
    sql.by_command[commandOf(query)] = (sql.by_command[commandOf(query)] ?? 0) + 1
    const table = tableOf(query)
    if (table) sql.by_table[table] = (sql.by_table[table] ?? 0) + 1
    const leaf = enclosingLeafStep(query, byId, leafIds)
    const row = leaf ? rowFor(stepName(leaf), phaseOf(leaf)) : rowFor("(outside workflow steps)", phase)
    row.queries += 1
    row.query_ms += ms
  }
  const duration = root.end - root.start
  const inSteps = unionMs(leaves.map((s) => [s.start, s.end]))
  return {
    ms: duration,
    sql,
    steps: [...stepRows.values()],
    outside_steps_ms: duration - inSteps,
  }
}

const median = (values) => {
  if (!values.length) return null
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor((sorted.length - 1) / 2)]
}
const r1 = (value) => (value === null ? null : Math.round(value * 10) / 10)

/** Sums several requests that make one operation (create a collection + mark it paid). */
function combine(analyses) {
  const out = { ms: 0, sql: { total: 0, ms: 0, by_phase: {}, by_command: {}, by_table: {} }, steps: [], outside_steps_ms: 0 }
  for (const a of analyses) {
    out.ms += a.ms
    out.outside_steps_ms += a.outside_steps_ms
    out.sql.total += a.sql.total
    out.sql.ms += a.sql.ms
    for (const group of ["by_phase", "by_command", "by_table"]) {
      for (const [k, v] of Object.entries(a.sql[group])) out.sql[group][k] = (out.sql[group][k] ?? 0) + v
    }
    out.steps.push(...a.steps)
  }
  return out
}

/** Medians over the samples of one operation: the request, its SQL and its steps, slowest steps first. */
function summarizeOperation(samples, topSteps = 12) {
  const pick = (get) => r1(median(samples.map(get)))
  const keys = (get) => [...new Set(samples.flatMap((s) => Object.keys(get(s))))]
  const medianMap = (get) =>
    Object.fromEntries(
      keys(get)
        .map((k) => [k, median(samples.map((s) => get(s)[k] ?? 0))])
        .sort((a, b) => b[1] - a[1])
    )
  const stepKeys = [...new Set(samples.flatMap((s) => s.steps.map((row) => `${row.step}|${row.phase}`)))]
  const steps = stepKeys
    .map((key) => {
      const rows = samples.map((s) => {
        const matching = s.steps.filter((row) => `${row.step}|${row.phase}` === key)
        return {
          ms: matching.reduce((sum, row) => sum + row.ms, 0),
          queries: matching.reduce((sum, row) => sum + row.queries, 0),
          query_ms: matching.reduce((sum, row) => sum + row.query_ms, 0),
        }
      })
      const [step, phase] = key.split("|")
      return {
        step,
        phase,
        ms_p50: r1(median(rows.map((x) => x.ms))),
        queries: median(rows.map((x) => x.queries)),
        query_ms_p50: r1(median(rows.map((x) => x.query_ms))),
      }
    })
    // SQL outside any step has no step time of its own: it ranks by its statements' time.
    .sort((a, b) => Math.max(b.ms_p50, b.query_ms_p50) - Math.max(a.ms_p50, a.query_ms_p50))
  return {
    samples: samples.length,
    ms_p50: pick((s) => s.ms),
    outside_steps_ms_p50: pick((s) => s.outside_steps_ms),
    sql: {
      statements_p50: median(samples.map((s) => s.sql.total)),
      statement_ms_p50: pick((s) => s.sql.ms),
      by_phase: medianMap((s) => s.sql.by_phase),
      by_command: medianMap((s) => s.sql.by_command),
      by_table: Object.fromEntries(Object.entries(medianMap((s) => s.sql.by_table)).filter(([, v]) => v > 0)),
    },
    steps: steps.slice(0, topSteps),
    other_steps: steps.length > topSteps ? steps.length - topSteps : 0,
  }
}

module.exports = { readSpans, indexTraces, findRequest, analyzeRequest, combine, summarizeOperation, tableOf, commandOf, unionMs }
