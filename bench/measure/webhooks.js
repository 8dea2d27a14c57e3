// 3: webhook ingestion. The sandbox's real events of this run (charges, paid links, other payments), 20% of them sent
// twice, signed as Stripe signs, 20 at a time; then how long until every paid link is settled in Medusa
// and whether any duplicate was recorded twice.
const fs = require("fs")
const Stripe = require("stripe")
const { Client } = require("pg")
const { performance } = require("perf_hooks")
const { inParallel } = require("../lib/http")
const { round } = require("../lib/stats")
const { perLink } = require("./payment-links")

const TOTAL = 1000
const DUPLICATE_SHARE = 0.2
const CONCURRENCY = 20
const APPLY_LIMIT_MS = 60_000

/** Deterministic shuffle (mulberry32), so runs send events in the same order. */
function shuffle(items, seed = 42) {
  let state = seed
  const random = () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const copy = [...items]
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[copy[i], copy[j]] = [copy[j], copy[i]]
  }
  return copy
}

const aboutALink = (event) => Boolean(event.data?.object?.metadata?.payment_link_id)
const settles = (event) => aboutALink(event) && ["checkout.session.completed", "payment_intent.succeeded"].includes(event.type)

/** 800 distinct events (link events first) and 200 repeats of the ones that settle a link. */
function eventsToSend(allEvents) {
  const unique = Math.round(TOTAL * (1 - DUPLICATE_SHARE))
  const ordered = [...allEvents.filter(aboutALink), ...allEvents.filter((e) => !aboutALink(e))].slice(0, unique)
  const settling = ordered.filter(settles)
  const repeats = Array.from({ length: TOTAL - ordered.length }, (_, i) => settling[i % settling.length])
  return { events: shuffle([...ordered, ...repeats]), distinct: ordered.length, repeats: repeats.length }
}

/**
 * Stripe sends every event of the account, also about payments taken elsewhere (a POS, another app):
 * when this run's own flows made fewer than 800 events, card payments made straight on the sandbox add theirs.
 */
async function topUpEvents(sandbox, needed) {
  const stripe = new Stripe("sk_test_stripe_collect_sandbox", { ...sandbox.stripe, maxNetworkRetries: 0 })
  const eventsNow = async () => (await (await fetch(`${sandbox.url}/_sandbox/events`)).json()).data
  let events = await eventsNow()
  for (let round = 0; round < 5 && events.length < needed; round++) {
    const payments = Math.ceil((needed - events.length) / 3)
    await inParallel(Array.from({ length: payments }), 10, () =>
      stripe.paymentIntents.create({
        amount: 2500,
        currency: "usd",
        payment_method: "pm_card_visa",
        confirm: true,
        automatic_payment_methods: { enabled: true, allow_redirects: "never" },
        metadata: { source: "elsewhere" },
      })
    )
    events = await eventsNow()
  }
  return events
}

const paidLinks = async (db) =>
  Number((await db.query("select count(*)::int as n from stripe_collect_payment_link where status = 'paid'")).rows[0].n)

/** Captures recorded per link beyond the first: what a duplicate applied twice would leave behind. */
async function extraCaptures(db) {
  const { rows } = await db.query(
    `select l.id, count(distinct c.id)::int as captures
       from stripe_collect_payment_link l
       join payment_collection pc on (pc.id = l.payment_collection_id or pc.metadata->>'payment_link_id' = l.id)
       join payment p on p.payment_collection_id = pc.id and p.deleted_at is null
       join capture c on c.payment_id = p.id and c.deleted_at is null
      group by l.id`
  )
  return rows.reduce((sum, row) => sum + Math.max(0, row.captures - 1), 0)
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** Failures Medusa logged while running webhook subscribers, by kind (the log is Medusa's stdout). */
function subscriberFailures(logFile, fromOffset) {
  const text = fs
    .readFileSync(logFile)
    .subarray(fromOffset)
    .toString("utf8")
    .replace(/\x1b\[[0-9;]*m/g, "")
  const count = (pattern) => (text.match(pattern) ?? []).length
  return {
    total: count(/An error occurred while processing payment\.webhook_received/g),
    lock_timeouts: count(/^Error: Timed-out acquiring lock/gm),
    database_aborted: count(/^DriverException: aborted/gm),
  }
}

async function measureWebhooks(options) {
  // One connection for the whole measurement: polling must not add connection churn to the database.
  const db = new Client({ connectionString: options.databaseUrl })
  await db.connect()
  try {
    return await measureWith(db, options)
  } finally {
    await db.end()
  }
}

async function measureWith(db, { baseUrl, sandbox, linkCount, secret, medusaLog }) {
  const logOffset = fs.statSync(medusaLog).size
  const all = await topUpEvents(sandbox, Math.round(TOTAL * (1 - DUPLICATE_SHARE)))
  const { events, distinct, repeats } = eventsToSend(all)
  const ownFlows = all.filter((e) => e.data?.object?.metadata?.source !== "elsewhere").length
  const stripe = new Stripe("sk_test_signing_only")
  const url = `${baseUrl}/hooks/payment/stripe-collect_default`

  // The ceiling of Medusa's HTTP stack on this machine at the same concurrency: GET /health.
  const healthStarted = performance.now()
  await inParallel(Array.from({ length: 500 }), CONCURRENCY, async () => (await fetch(`${baseUrl}/health`)).arrayBuffer())
  const healthPerSecond = Math.round(500 / ((performance.now() - healthStarted) / 1000))

  sandbox.clearRequests()
  const paidBefore = await paidLinks(db)
  const started = performance.now()
  let lastAck = started
  const statuses = await inParallel(events, CONCURRENCY, async (event) => {
    const payload = JSON.stringify(event)
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "stripe-signature": stripe.webhooks.generateTestHeaderString({ payload, secret }) },
      body: payload,
    })
    await response.arrayBuffer()
    lastAck = Math.max(lastAck, performance.now())
    return response.status
  })
  const ackSeconds = (lastAck - started) / 1000
  const acknowledged = statuses.filter((s) => s >= 200 && s < 300).length

  // Medusa holds each webhook 5 s (its payment module's webhook_delay) before its subscribers run.
  let allAppliedMs = null
  while (performance.now() - started < APPLY_LIMIT_MS) {
    if ((await paidLinks(db)) >= linkCount) {
      allAppliedMs = performance.now() - started
      break
    }
    await sleep(100)
  }
  // Let the repeats run too (they are held as long), until Stripe calls stop for 2 s.
  let seen = -1
  const quietUntil = performance.now() + 20_000
  while (performance.now() < quietUntil && performance.now() - lastAck < 60_000) {
    await sleep(2000)
    const now = sandbox.requests().length
    if (now === seen && performance.now() - lastAck > 7000) break
    seen = now
  }

  return {
    sent: events.length,
    distinct,
    distinct_from_this_runs_flows: Math.min(ownFlows, distinct),
    duplicates_sent: repeats,
    concurrency: CONCURRENCY,
    acknowledged,
    rejected: statuses.length - acknowledged,
    ack_seconds: round(ackSeconds),
    acknowledged_per_second: Math.round(acknowledged / ackSeconds),
    health_per_second_same_concurrency: healthPerSecond,
    links_to_settle: linkCount,
    links_paid_before: paidBefore,
    links_paid: await paidLinks(db),
    all_applied_seconds: allAppliedMs === null ? null : round(allAppliedMs / 1000),
    duplicates_applied: await extraCaptures(db),
    stripe_calls_per_link_settled: perLink(sandbox.requests(), linkCount),
    subscriber_failures: subscriberFailures(medusaLog, logOffset),
  }
}

module.exports = { measureWebhooks }
