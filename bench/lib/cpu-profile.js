// Reads a V8 CPU profile (`node --cpu-prof`) and says where the CPU went during given time windows, by
// package and by function (self time). Sample times are CLOCK_MONOTONIC microseconds, the clock
// process.hrtime() reads in any process of this machine, so windows are taken with monotonicMicros().
const fs = require("fs")
const path = require("path")

const monotonicMicros = () => Number(process.hrtime.bigint() / 1000n)

/** Where a function's code lives, in words: the plugin, a part of Medusa, a package, or the runtime. */
function categoryOf(callFrame, projectRoot) {
  const { functionName, url } = callFrame
  if (functionName === "(idle)") return "idle (waiting for I/O)"
  if (functionName === "(garbage collector)") return "garbage collection"
  if (functionName === "(program)" || functionName === "(root)") return "V8 / native"
  if (!url) return "V8 / native"
  const file = url.replace(/^file:\/\//, "")
  if (file.startsWith("node:") || !file.startsWith("/")) return "Node.js internals"
  if (file.includes("/bench/trace/") || file.includes("/@opentelemetry/") || file.includes("/require-in-the-middle/"))
    return "tracing (traced pass only)"
  const modules = file.lastIndexOf("/node_modules/")
  if (modules < 0) return file.startsWith(path.join(projectRoot, "src") + "/") ? "plugin (src/)" : "project (other)"
  const rest = file.slice(modules + "/node_modules/".length).split("/")
  const pkg = rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]
  if (pkg === "@medusajs/orchestration" || pkg === "@medusajs/workflows-sdk" || pkg === "@medusajs/workflow-engine-inmemory")
    return "Medusa workflow engine"
  if (pkg.startsWith("@mikro-orm/")) return "MikroORM"
  if (pkg === "pg" || pkg === "pg-protocol" || pkg === "pg-pool" || pkg === "pg-types") return "pg driver"
  if (pkg.startsWith("@medusajs/")) return `Medusa: ${pkg.slice("@medusajs/".length)}`
  if (["express", "body-parser", "router", "raw-body", "qs", "cookie-parser", "express-session", "morgan"].includes(pkg))
    return "HTTP (express)"
  if (pkg === "@swc/core" || pkg === "ts-node" || pkg === "typescript") return "TypeScript compilation"
  return pkg
}

/**
 * Self time (ms) per category and per function over the samples inside `windows` ({ start, end } in
 * monotonic microseconds), and the windows' total length, so shares can be read as ms per request.
 */
function cpuInWindows(profile, windows, projectRoot) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]))
  const byCategory = {}
  const byFunction = {}
  const sorted = [...windows].sort((a, b) => a.start - b.start)
  let time = profile.startTime
  let w = 0
  for (let i = 0; i < profile.samples.length; i++) {
    time += profile.timeDeltas[i]
    // The sample covers the time until the next one.
    const next = i + 1 < profile.timeDeltas.length ? profile.timeDeltas[i + 1] : 0
    while (w < sorted.length && sorted[w].end < time) w++
    if (w >= sorted.length) break
    if (time < sorted[w].start) continue
    const node = nodes.get(profile.samples[i])
    if (!node) continue
    const category = categoryOf(node.callFrame, projectRoot)
    const ms = next / 1000
    byCategory[category] = (byCategory[category] ?? 0) + ms
    if (!category.startsWith("idle") && category !== "garbage collection" && category !== "V8 / native") {
      const { functionName, url, lineNumber } = node.callFrame
      const where = url ? `${shortUrl(url, projectRoot)}:${lineNumber + 1}` : ""
      const key = `${functionName || "(anonymous)"} ${where}`.trim()
      byFunction[key] = (byFunction[key] ?? 0) + ms
    }
  }
  const windowMs = sorted.reduce((sum, x) => sum + (x.end - x.start) / 1000, 0)
  return { windowMs, byCategory, byFunction }
}

function shortUrl(url, projectRoot) {
  const file = url.replace(/^file:\/\//, "")
  const modules = file.lastIndexOf("/node_modules/")
  if (modules >= 0) return file.slice(modules + "/node_modules/".length)
  return file.startsWith(projectRoot) ? path.relative(projectRoot, file) : file
}

/** The profile with the most samples among those written in `dir` (the Medusa CLI may start more than one process). */
function readLargestProfile(dir) {
  if (!fs.existsSync(dir)) return null
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"))
  let best = null
  for (const f of files) {
    const profile = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8"))
    if (!best || profile.samples.length > best.samples.length) best = profile
  }
  return best
}

const r1 = (value) => Math.round(value * 10) / 10

/** Per request of one kind: CPU ms by category (largest first) and the top functions by self time. */
function perRequest(result, requests, topFunctions = 15) {
  const scale = (map) =>
    Object.fromEntries(
      Object.entries(map)
        .map(([k, v]) => [k, r1(v / requests)])
        .filter(([, v]) => v >= 0.1)
        .sort((a, b) => b[1] - a[1])
    )
  const busy = Object.entries(result.byCategory)
    .filter(([k]) => !k.startsWith("idle"))
    .reduce((sum, [, v]) => sum + v, 0)
  return {
    wall_ms_per_request: r1(result.windowMs / requests),
    cpu_ms_per_request: r1(busy / requests),
    by_category_ms: scale(result.byCategory),
    top_functions_ms: Object.fromEntries(Object.entries(scale(result.byFunction)).slice(0, topFunctions)),
  }
}

module.exports = { monotonicMicros, categoryOf, cpuInWindows, readLargestProfile, perRequest }
