// 7: what one "Check Stripe now" (POST /admin/stripe-collect/reconcile) costs: Stripe requests (the sandbox's
// log) and time, with the plugin's own unsettled work (charges whose answer was lost, open link Checkouts)
// beside 10 and then 10,000 unrelated PaymentIntents in the Stripe account. The count must not grow with them.
const Stripe = require("stripe")
const { expectStatus, inParallel, timedFetch } = require("../lib/http")

/** Charges whose answer is lost per round (each asked by search, then read), and link Checkouts left open (read). */
const LOST_PER_ROUND = 4
const OPEN_CHECKOUTS = 2
const CREATE_CONCURRENCY = 16
/** The plugin's job reconciles at every 10th minute: a round does not start this close before one. */
const JOB_MINUTES = 10
const JOB_GUARD_MS = 20_000

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** Waits past the job's next run when it would fall inside the round (its Stripe requests would count). */
async function awayFromTheJob() {
  const period = JOB_MINUTES * 60_000
  const untilNext = period - (Date.now() % period)
  if (untilNext < JOB_GUARD_MS) await sleep(untilNext + 5_000)
}

/** PaymentIntents paid elsewhere on the account (a POS, another app): card payments straight on the sandbox. */
async function addUnrelatedPayments(stripe, count) {
  await inParallel(Array.from({ length: count }), CREATE_CONCURRENCY, () =>
    stripe.paymentIntents.create({
      amount: 1500,
      currency: "usd",
      payment_method: "pm_card_visa",
      confirm: true,
      automatic_payment_methods: { enabled: true, allow_redirects: "never" },
      metadata: { source: "elsewhere" },
    })
  )
}

/**
 * Charges whose answer never comes back: Stripe makes the PaymentIntent, the connection breaks before the
 * answer on every try, and Stripe's search is down, so the charge ends in 502 and its attempt stays unsettled.
 */
async function loseCharges({ admin, sandbox, orderIds }) {
  sandbox.addFault({ method: "POST", path: "/v1/payment_intents", times: "always", timeoutAfterProcessing: true })
  sandbox.addFault({ method: "GET", path: "/v1/payment_intents/search", times: "always", status: 500 })
  try {
    await inParallel(orderIds, orderIds.length, async (orderId) =>
      expectStatus(
        await admin.post(`/admin/stripe-collect/orders/${orderId}/charges`, { amount: 100, payment_method: "pm_card_visa" }),
        502,
        "Charge whose answer is lost"
      )
    )
  } finally {
    sandbox.clearFaults()
  }
}

/** Payment links whose customer pressed Pay and left: an open Checkout Session each, unsettled in the ledger. */
async function openCheckouts({ admin, baseUrl, orderIds }) {
  for (const orderId of orderIds) {
    const link = expectStatus(await admin.post(`/admin/stripe-collect/orders/${orderId}/payment-links`, {}), 201, "Send payment link")
    expectStatus(await timedFetch(`${baseUrl}${new URL(link.data.payment_link.url).pathname}`, { method: "POST" }), 303, "Pay")
  }
}

async function paymentIntentsInAccount(stripe) {
  const found = await stripe.paymentIntents.search({ query: "amount>0", limit: 1, expand: ["total_count"] })
  return found.total_count
}

/**
 * One round: unrelated payments topped up to `unrelatedTotal`, fresh lost charges, then one reconciliation,
 * counted from the sandbox's request log.
 */
async function reconciliationRound(state, { unrelatedTotal, lostOrderIds }) {
  const { admin, sandbox, stripe } = state
  const adding = Math.max(0, unrelatedTotal - state.unrelated)
  const started = Date.now()
  await addUnrelatedPayments(stripe, adding)
  state.unrelated += adding
  const addSeconds = Math.round((Date.now() - started) / 100) / 10

  await awayFromTheJob()
  await loseCharges({ admin, sandbox, orderIds: lostOrderIds })
  const mark = sandbox.markRequests()
  const answer = expectStatus(await admin.post("/admin/stripe-collect/reconcile", {}), 200, "Reconcile")
  const counts = sandbox.requestCounts({ since: mark })
  const summary = answer.data.reconciliation
  return {
    unrelated_payment_intents: state.unrelated,
    payment_intents_in_account: await paymentIntentsInAccount(stripe),
    unrelated_created_seconds: addSeconds,
    lost_charges: lostOrderIds.length,
    open_checkouts: state.openCheckouts,
    stripe_requests: counts.total,
    by_operation: counts.byOperation,
    ms: Math.round(answer.ms * 10) / 10,
    summary,
    // Every lost charge recorded, every open Checkout still waiting, nothing else asked about.
    as_expected: summary.recorded === lostOrderIds.length && summary.checked === lostOrderIds.length + state.openCheckouts,
  }
}

/** Starts the measurement: the open Checkouts, then the round with 10 unrelated payments (an account at its quietest). */
async function beginReconciliation({ admin, baseUrl, sandbox, apiKey, orders }) {
  const stripe = new Stripe(apiKey, { ...sandbox.stripe, maxNetworkRetries: 0 })
  const state = { admin, sandbox, stripe, unrelated: 0, openCheckouts: 0 }
  await openCheckouts({ admin, baseUrl, orderIds: orders.open.slice(0, OPEN_CHECKOUTS) })
  state.openCheckouts = OPEN_CHECKOUTS
  const first = await reconciliationRound(state, { unrelatedTotal: 10, lostOrderIds: orders.lost.slice(0, LOST_PER_ROUND) })
  return { state, first }
}

/** The round with 10,000 unrelated payments (run last, so the rest of the run does not carry them). */
async function finishReconciliation({ state, first }, { orders }) {
  const second = await reconciliationRound(state, {
    unrelatedTotal: 10_000,
    lostOrderIds: orders.lost.slice(LOST_PER_ROUND, 2 * LOST_PER_ROUND),
  })
  return {
    rounds: [first, second],
    stripe_requests_grow_with_account: second.stripe_requests > first.stripe_requests,
  }
}

const RECONCILIATION_ORDERS = { lost: 2 * LOST_PER_ROUND, open: OPEN_CHECKOUTS }

module.exports = { beginReconciliation, finishReconciliation, RECONCILIATION_ORDERS }
