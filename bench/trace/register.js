// Preloaded (`node --require`) into the Medusa process of the benchmark's traced pass only, never the timed one:
// Medusa's own OpenTelemetry hooks (HTTP, workflows and their steps, Query, PostgreSQL), every span appended to
// BENCH_TRACE_FILE as one JSON line. Nothing in src/ is instrumented; the plugin runs as it always does.
const fs = require("fs")

const file = process.env.BENCH_TRACE_FILE
if (!file) throw new Error("BENCH_TRACE_FILE is required")
// Only this process is traced: a Node process it starts (Medusa's telemetry sender forks one at exit) must not
// load Medusa again through the inherited preload, or each would start the next one.
delete process.env.NODE_OPTIONS
delete process.env.BENCH_TRACE_FILE

// Constructed before Medusa loads `pg`, so its client is patched when first required.
const { PgInstrumentation } = require("@medusajs/framework/opentelemetry/instrumentation-pg")
const pg = new PgInstrumentation({ enhancedDatabaseReporting: false })

const ms = ([seconds, nanos]) => seconds * 1000 + nanos / 1e6
const KEPT = ["db.statement", "http.url", "http.method", "http.route", "workflow.transaction_id", "workflow.step.action"]

/** The spans as JSON lines: ids, parent, name, start and end (epoch ms), a few attributes. */
const exporter = {
  export(spans, done) {
    const lines = spans.map((span) => {
      const attributes = {}
      for (const key of KEPT) if (span.attributes[key] !== undefined) attributes[key] = span.attributes[key]
      return JSON.stringify({
        trace: span.spanContext().traceId,
        id: span.spanContext().spanId,
        parent: span.parentSpanContext?.spanId ?? span.parentSpanId ?? null,
        name: span.name,
        start: ms(span.startTime),
        end: ms(span.endTime),
        attributes,
      })
    })
    fs.appendFileSync(file, `${lines.join("\n")}\n`)
    done({ code: 0 })
  },
  shutdown: async () => undefined,
  forceFlush: async () => undefined,
}

const { registerOtel } = require("@medusajs/medusa")
registerOtel({
  serviceName: "stripe-collect-bench",
  exporter,
  instrument: { http: true, workflows: true, query: true },
  instrumentations: [pg],
})
