// Timed HTTP calls to the app: each answer carries how long it took, measured by the caller.
const { performance } = require("perf_hooks")

/** Epoch milliseconds with sub-millisecond precision: the clock the in-process sandbox stamps requests with. */
const preciseNow = () => performance.timeOrigin + performance.now()

async function timedFetch(url, init = {}) {
  const started = performance.now()
  const startedAt = Date.now()
  const sentAt = preciseNow()
  const response = await fetch(url, { redirect: "manual", ...init })
  const text = await response.text()
  const ms = performance.now() - started
  const answeredAt = sentAt + ms
  let data = null
  try {
    data = text ? JSON.parse(text) : null
  } catch {
    data = null
  }
  return { status: response.status, headers: response.headers, text, data, ms, startedAt, sentAt, answeredAt }
}

/** The admin API as the dashboard calls it: JSON, a bearer token. */
function adminClient(baseUrl, token) {
  const headers = { "content-type": "application/json", authorization: `Bearer ${token}` }
  return {
    post: (path, body = {}) => timedFetch(`${baseUrl}${path}`, { method: "POST", headers, body: JSON.stringify(body) }),
    get: (path) => timedFetch(`${baseUrl}${path}`, { headers }),
  }
}

/** Fails loudly with the answer when a setup call did not do what the benchmark needs. */
function expectStatus(answer, statuses, what) {
  const allowed = Array.isArray(statuses) ? statuses : [statuses]
  if (!allowed.includes(answer.status)) {
    throw new Error(`${what}: HTTP ${answer.status} ${answer.text.slice(0, 400)}`)
  }
  return answer
}

/** Runs `task` over the items with at most `concurrency` in flight, in item order. */
async function inParallel(items, concurrency, task) {
  const results = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const index = next++
      results[index] = await task(items[index], index)
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker))
  return results
}

module.exports = { timedFetch, adminClient, expectStatus, inParallel, preciseNow }
