// 2 and 4 (links): Stripe calls per link created and per Checkout started; pay page latency beside /health.
const { expectStatus, inParallel, timedFetch } = require("../lib/http")
const { summarize, round } = require("../lib/stats")
const { endpointOf } = require("./charges")

const perLink = (calls, links) => {
  const byEndpoint = {}
  for (const call of calls) byEndpoint[endpointOf(call)] = (byEndpoint[endpointOf(call)] ?? 0) + 1
  return {
    mean: round(calls.length / links),
    by_endpoint: Object.fromEntries(Object.entries(byEndpoint).map(([k, v]) => [k, round(v / links)])),
  }
}

/** Sends a link for the whole outstanding amount of each order; returns their pay page URLs. */
async function createLinks({ admin, sandbox, orderIds }) {
  sandbox.clearRequests()
  const created = await inParallel(orderIds, 4, async (orderId) =>
    expectStatus(await admin.post(`/admin/stripe-collect/orders/${orderId}/payment-links`, {}), 201, "Send payment link")
  )
  const calls = sandbox.requests()
  return {
    links: created.map((answer, i) => ({ order_id: orderIds[i], id: answer.data.payment_link.id, url: answer.data.payment_link.url })),
    create: summarize(created.map((a) => a.ms)),
    stripe_calls_per_link_created: perLink(calls, created.length),
  }
}

/** The customer's first view of each link (marks it viewed), then `rounds` repeat views alternating with /health. */
async function measurePayPage({ baseUrl, links, rounds }) {
  const pathOf = (url) => new URL(url).pathname
  const first = []
  for (const link of links) {
    first.push(expectStatus(await timedFetch(`${baseUrl}${pathOf(link.url)}`), 200, "Pay page").ms)
  }
  const page = []
  const health = []
  for (let i = 0; i < rounds; i++) {
    const link = links[i % links.length]
    health.push(expectStatus(await timedFetch(`${baseUrl}/health`), 200, "Health").ms)
    page.push(expectStatus(await timedFetch(`${baseUrl}${pathOf(link.url)}`), 200, "Pay page").ms)
  }
  const pageSummary = summarize(page)
  const healthSummary = summarize(health)
  return {
    first_view: summarize(first),
    pay_page: pageSummary,
    health: healthSummary,
    p50_above_health_ms: round(pageSummary.p50_ms - healthSummary.p50_ms),
  }
}

/** Presses Pay (a Checkout Session is created) and pays on the sandbox's hosted form; the return page is not visited. */
async function payLinks({ baseUrl, sandbox, links, payOnSandboxCheckout }) {
  sandbox.clearRequests()
  const checkoutUrls = await inParallel(links, 4, async (link) => {
    const pressed = expectStatus(await timedFetch(`${baseUrl}${new URL(link.url).pathname}`, { method: "POST" }), 303, "Pay")
    return { ms: pressed.ms, location: pressed.headers.get("location") }
  })
  const calls = sandbox.requests()
  await inParallel(checkoutUrls, 4, async ({ location }) => {
    const paid = await payOnSandboxCheckout(location, "4242424242424242", { followReturn: false })
    if (paid.status !== 303) throw new Error(`Checkout answered ${paid.status} at ${location}`)
  })
  return {
    press_pay: summarize(checkoutUrls.map((c) => c.ms)),
    stripe_calls_per_checkout_started: perLink(calls, links.length),
  }
}

module.exports = { createLinks, measurePayPage, payLinks, perLink }
