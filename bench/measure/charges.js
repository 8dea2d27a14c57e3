// 1 and 2 (charges): our "Charge card" beside Medusa's own "create a collection and mark it paid", one request
// at a time, alternating, each on a fresh order; where a charge's time goes (before, at and after Stripe) from
// the client's clock and the sandbox's request log; Stripe calls per charge from the same log.
const Stripe = require("stripe")
const { performance } = require("perf_hooks")
const { expectStatus } = require("../lib/http")
const { summarize, round } = require("../lib/stats")

const WARM_UP = 3
/** The target for charge p50 / (create collection + mark as paid) p50, and its stretch. */
const RATIO_TARGET = 1.25
const RATIO_STRETCH = 1.1

const chargeOurs = (admin, orderId) =>
  admin.post(`/admin/stripe-collect/orders/${orderId}/charges`, { amount: 100, payment_method: "pm_card_visa" })

/** Medusa's own admin path for "paid outside Medusa": a collection for the amount, then mark-as-paid. */
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

/**
 * One charge's time in three parts, all on this process's clock (the sandbox runs in it): from sending the
 * request until the PaymentIntent create reaches the sandbox, the sandbox's own handling of it, and from
 * its answer until the charge's answer is back. The SDK's work and the local HTTP hop count before and after.
 */
function splitAtStripe(charged, intent) {
  if (!intent || intent.answeredAt === null) return null
  return {
    before: intent.receivedAt - charged.sentAt,
    at: intent.answeredAt - intent.receivedAt,
    after: charged.answeredAt - intent.answeredAt,
  }
}

const ratio = (a, b) => (a && b ? Math.round((a / b) * 100) / 100 : null)

async function measureCharges({ admin, sandbox, orders, apiKey }) {
  const ours = []
  const medusaCreate = []
  const medusaMark = []
  const medusaWithCollection = []
  const parts = { before: [], at: [], after: [] }
  const callsPerCharge = []
  const endpoints = {}

  const count = Math.min(orders.charge.length, orders.mark_as_paid.length)
  for (let i = 0; i < count; i++) {
    const mark = sandbox.markRequests()
    const charged = expectStatus(await chargeOurs(admin, orders.charge[i]), 201, "Charge card")
    const calls = sandbox.requests({ since: mark })
    const marked = await markAsPaid(admin, orders.mark_as_paid[i])
    if (i < WARM_UP) continue
    ours.push(charged.ms)
    medusaCreate.push(marked.create_ms)
    medusaMark.push(marked.mark_ms)
    medusaWithCollection.push(marked.create_ms + marked.mark_ms)
    callsPerCharge.push(calls.length)
    for (const call of calls) endpoints[endpointOf(call)] = (endpoints[endpointOf(call)] ?? 0) + 1
    const split = splitAtStripe(
      charged,
      calls.find((c) => c.method === "POST" && c.path === "/v1/payment_intents")
    )
    if (split) for (const part of Object.keys(parts)) parts[part].push(split[part])
  }

  const measured = ours.length
  const charge = summarize(ours)
  const withCollection = summarize(medusaWithCollection)
  const markOnly = summarize(medusaMark)
  const stripeDirect = await directStripeCall(sandbox, apiKey, 30)
  const ratioP50 = ratio(charge.p50_ms, withCollection.p50_ms)
  return {
    orders_each: measured,
    warm_up_each: WARM_UP,
    charge,
    mark_as_paid_with_collection: withCollection,
    mark_as_paid_parts: { create_collection: summarize(medusaCreate), mark_as_paid: markOnly },
    // The comparison: a charge against Medusa creating a collection and marking it paid (two requests).
    ratio_p50: ratioP50,
    ratio_p95: ratio(charge.p95_ms, withCollection.p95_ms),
    ratio_target: RATIO_TARGET,
    ratio_stretch: RATIO_STRETCH,
    // Stricter, for reference: against mark-as-paid alone (the collection made beforehand).
    ratio_p50_vs_mark_only: ratio(charge.p50_ms, markOnly.p50_ms),
    stripe_calls_per_charge: {
      mean: measured ? round(callsPerCharge.reduce((a, b) => a + b, 0) / measured) : null,
      max: measured ? Math.max(...callsPerCharge) : null,
      by_endpoint: Object.fromEntries(Object.entries(endpoints).map(([k, v]) => [k, round(v / measured)])),
    },
    breakdown: {
      before_stripe: summarize(parts.before),
      at_stripe: summarize(parts.at),
      after_stripe: summarize(parts.after),
      stripe_call_alone_direct: stripeDirect,
    },
  }
}

module.exports = { measureCharges, markAsPaid, chargeOurs, endpointOf, splitAtStripe }
