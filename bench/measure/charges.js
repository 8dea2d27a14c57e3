// 1 and 2 (charges): our "Charge card" beside Medusa's own "Mark as paid", one request at a time,
// alternating, each on a fresh order; Stripe calls per charge from the sandbox's request log.
const Stripe = require("stripe")
const { performance } = require("perf_hooks")
const { expectStatus } = require("../lib/http")
const { summarize, round } = require("../lib/stats")

const WARM_UP = 3

const chargeOurs = (admin, orderId) =>
  admin.post(`/admin/stripe-collect/orders/${orderId}/charges`, { amount: 100, payment_method: "pm_card_visa" })

async function markAsPaid(admin, orderId) {
  const created = expectStatus(
    await admin.post("/admin/payment-collections", { order_id: orderId, amount: 100 }),
    200,
    "Create payment collection"
  )
  const collection = created.data.payment_collection
  const marked = expectStatus(
    await admin.post(`/admin/payment-collections/${collection.id}/mark-as-paid`, { order_id: orderId }),
    200,
    "Mark as paid"
  )
  return { create_ms: created.ms, mark_ms: marked.ms }
}

/** The Stripe calls of one charge, as "METHOD /path" with ids replaced. */
const endpointOf = (request) => `${request.method} ${request.path.replace(/\/(pi|pm|cus|ch|cs|re|evt)_[A-Za-z0-9_]+/g, "/$1_…")}`

/** What one PaymentIntent create-and-confirm costs on its own, straight from this process to the sandbox. */
async function directStripeCall(sandbox, apiKey, count) {
  const stripe = new Stripe(apiKey, { ...sandbox.stripe, maxNetworkRetries: 0 })
  const samples = []
  for (let i = 0; i < count; i++) {
    const started = performance.now()
    await stripe.paymentIntents.create({
      amount: 10000,
      currency: "usd",
      payment_method: "pm_card_visa",
      confirm: true,
      automatic_payment_methods: { enabled: true, allow_redirects: "never" },
    })
    samples.push(performance.now() - started)
  }
  return summarize(samples)
}

async function measureCharges({ admin, sandbox, orders, apiKey }) {
  const ours = []
  const medusaMark = []
  const medusaWithCollection = []
  const beforeStripe = []
  const afterStripe = []
  const createToRead = []
  const afterRead = []
  const callsPerCharge = []
  const endpoints = {}

  const count = Math.min(orders.charge.length, orders.mark_as_paid.length)
  for (let i = 0; i < count; i++) {
    sandbox.clearRequests()
    const charged = expectStatus(await chargeOurs(admin, orders.charge[i]), 201, "Charge card")
    const calls = sandbox.requests()
    const marked = await markAsPaid(admin, orders.mark_as_paid[i])
    if (i < WARM_UP) continue
    ours.push(charged.ms)
    medusaMark.push(marked.mark_ms)
    medusaWithCollection.push(marked.create_ms + marked.mark_ms)
    callsPerCharge.push(calls.length)
    for (const call of calls) endpoints[endpointOf(call)] = (endpoints[endpointOf(call)] ?? 0) + 1
    // The sandbox runs in this process, so its arrival clock is ours: before and after the Stripe call.
    const intent = calls.find((c) => c.method === "POST" && c.path === "/v1/payment_intents")
    const readBack = calls.find((c) => c.method === "GET" && c.path.startsWith("/v1/payment_intents/"))
    const answeredAt = charged.startedAt + charged.ms
    if (intent) {
      beforeStripe.push(intent.at - charged.startedAt)
      afterStripe.push(answeredAt - intent.at)
    }
    if (intent && readBack) {
      createToRead.push(readBack.at - intent.at)
      afterRead.push(answeredAt - readBack.at)
    }
  }

  const measured = ours.length
  const oursSummary = summarize(ours)
  const markSummary = summarize(medusaMark)
  const stripeDirect = await directStripeCall(sandbox, apiKey, 30)
  return {
    orders_each: measured,
    warm_up_each: WARM_UP,
    charge: oursSummary,
    mark_as_paid: markSummary,
    mark_as_paid_with_collection: summarize(medusaWithCollection),
    ratio_p50: Math.round((oursSummary.p50_ms / markSummary.p50_ms) * 100) / 100,
    ratio_p95: Math.round((oursSummary.p95_ms / markSummary.p95_ms) * 100) / 100,
    stripe_calls_per_charge: {
      mean: round(callsPerCharge.reduce((a, b) => a + b, 0) / measured),
      max: Math.max(...callsPerCharge),
      by_endpoint: Object.fromEntries(Object.entries(endpoints).map(([k, v]) => [k, round(v / measured)])),
    },
    breakdown: {
      until_stripe_call: summarize(beforeStripe),
      stripe_call_and_after: summarize(afterStripe),
      // When the provider reads the PaymentIntent back (capture): create → read, read → answer.
      create_to_read_back: summarize(createToRead),
      read_back_to_answer: summarize(afterRead),
      stripe_call_alone_direct: stripeDirect,
    },
  }
}

module.exports = { measureCharges, endpointOf }
