// Summaries of timing samples: nearest-rank percentiles, in milliseconds rounded to 0.1.
const round = (value) => Math.round(value * 10) / 10

function percentile(samples, p) {
  if (!samples.length) return null
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return round(sorted[rank])
}

function summarize(samples) {
  return {
    count: samples.length,
    p50_ms: percentile(samples, 50),
    p95_ms: percentile(samples, 95),
    mean_ms: samples.length ? round(samples.reduce((a, b) => a + b, 0) / samples.length) : null,
  }
}

module.exports = { percentile, summarize, round }
