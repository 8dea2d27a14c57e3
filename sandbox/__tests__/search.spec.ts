// Contract: the Search API for PaymentIntents (query language, paging, errors, account scoping), through stripe-node.
import { randomUUID } from "crypto"
import type Stripe from "stripe"
import { AGAINST_STRIPE, cardIntent, failure, itSandboxOnly, SANDBOX_KEY, useContractTarget } from "./helpers/contract"

const target = useContractTarget()

/** Unique per run, so searches on real Stripe never meet objects of earlier runs. */
const run = `run_${randomUUID().replace(/-/g, "")}`

/**
 * Searches until `expected` objects are found. Stripe makes new objects searchable within about a minute
 * (never read-after-write), so against Stripe this waits for them; the sandbox answers at once.
 */
async function searchSettled(stripe: Stripe, params: Stripe.PaymentIntentSearchParams, expected: number): Promise<Stripe.PaymentIntent[]> {
  const deadline = Date.now() + (AGAINST_STRIPE ? 120_000 : 0)
  for (;;) {
    const found = await stripe.paymentIntents.search(params).autoPagingToArray({ limit: 1000 })
    if (found.length >= expected || Date.now() >= deadline) return found
    await new Promise((resolve) => setTimeout(resolve, 5000))
  }
}

const ids = (intents: Stripe.PaymentIntent[]) => intents.map((i) => i.id).sort()

describe("PaymentIntent search", () => {
  // Five intents of one order: three paid (1500 usd, 2500 usd, 900 eur), one unpaid (1200 usd), one of another order.
  const made: Record<string, Stripe.PaymentIntent> = {}
  beforeAll(async () => {
    const { stripe } = target()
    const paid = (amount: number, currency: string, metadata: Record<string, string>) =>
      stripe.paymentIntents.create(
        cardIntent({ amount, currency, payment_method: "pm_card_visa", confirm: true, metadata: { run, ...metadata } })
      )
    made.small = await paid(1500, "usd", { order_id: "order_a", attempt: `${run}_att_1` })
    made.large = await paid(2500, "usd", { order_id: "order_a", attempt: `${run}_att_2`, note: `O'Brien said "hi"` })
    made.euro = await paid(900, "eur", { order_id: "order_a", attempt: `${run}_att_3`, "shop key": "with space" })
    made.open = await stripe.paymentIntents.create(cardIntent({ amount: 1200, metadata: { run, order_id: "order_a" } }))
    made.other = await paid(3000, "usd", { order_id: "order_b" })
  }, 60_000)

  it("finds intents by metadata and answers Stripe's search_result shape", async () => {
    const { stripe } = target()
    const query = `metadata['run']:'${run}' AND metadata['attempt']:'${run}_att_2'`
    await searchSettled(stripe, { query }, 1)
    const page = await stripe.paymentIntents.search({ query })
    expect(page).toMatchObject({ object: "search_result", has_more: false, next_page: null, url: "/v1/payment_intents/search" })
    expect(page.data.map((i) => i.id)).toEqual([made.large.id])
    expect(page.data[0]).toMatchObject({
      object: "payment_intent",
      status: "succeeded",
      amount: 2500,
      metadata: { attempt: `${run}_att_2` },
    })
  })

  it("combines metadata, status, currency and amount comparisons with AND (written or as a space)", async () => {
    const { stripe } = target()
    const ofRun = `metadata['run']:'${run}'`
    await searchSettled(stripe, { query: ofRun }, 5)
    expect(ids(await searchSettled(stripe, { query: `${ofRun} AND metadata['order_id']:'order_a' AND status:'succeeded'` }, 3))).toEqual(
      ids([made.small, made.large, made.euro])
    )
    expect(ids(await searchSettled(stripe, { query: `${ofRun} currency:'usd' status:'succeeded'` }, 3))).toEqual(
      ids([made.small, made.large, made.other])
    )
    expect(ids(await searchSettled(stripe, { query: `${ofRun} AND amount>1500` }, 2))).toEqual(ids([made.large, made.other]))
    expect(ids(await searchSettled(stripe, { query: `${ofRun} AND amount>=1500 AND amount<3000` }, 2))).toEqual(
      ids([made.small, made.large])
    )
    expect(ids(await searchSettled(stripe, { query: `${ofRun} AND amount:1200` }, 1))).toEqual(ids([made.open]))
    expect(ids(await searchSettled(stripe, { query: `${ofRun} and status:'requires_payment_method'` }, 1))).toEqual(ids([made.open]))
  })

  it("matches either clause with OR, and negates a clause with -", async () => {
    const { stripe } = target()
    const either = `metadata['attempt']:'${run}_att_1' OR metadata['attempt']:'${run}_att_3'`
    const found = await searchSettled(stripe, { query: either }, 2)
    expect(ids(found.filter((i) => i.metadata.run === run))).toEqual(ids([made.small, made.euro]))
    const notUsd = await searchSettled(stripe, { query: `metadata['run']:'${run}' -currency:'usd'` }, 1)
    expect(ids(notUsd)).toEqual(ids([made.euro]))
  })

  it("reads quoted values with escaped quotes, keys with spaces, double quotes, and null for an absent key", async () => {
    const { stripe } = target()
    const ofRun = `metadata["run"]:"${run}"`
    expect(ids(await searchSettled(stripe, { query: `${ofRun} metadata['note']:'O\\'Brien said "hi"'` }, 1))).toEqual(ids([made.large]))
    expect(ids(await searchSettled(stripe, { query: `${ofRun} metadata["note"]:"O'Brien said \\"hi\\""` }, 1))).toEqual(ids([made.large]))
    expect(ids(await searchSettled(stripe, { query: `${ofRun} metadata['shop key']:'with space'` }, 1))).toEqual(ids([made.euro]))
    expect(ids(await searchSettled(stripe, { query: `${ofRun} -metadata['attempt']:null` }, 3))).toEqual(
      ids([made.small, made.large, made.euro])
    )
    expect(ids(await searchSettled(stripe, { query: `${ofRun} metadata['attempt']:null` }, 2))).toEqual(ids([made.open, made.other]))
  })

  it("pages with limit and next_page, newest first, and autoPagingToArray walks every page", async () => {
    const { stripe } = target()
    const query = `metadata['run']:'${run}'`
    await searchSettled(stripe, { query }, 5)
    const first = await stripe.paymentIntents.search({ query, limit: 2 })
    expect(first.data).toHaveLength(2)
    expect(first.has_more).toBe(true)
    expect(typeof first.next_page).toBe("string")
    const second = await stripe.paymentIntents.search({ query, limit: 2, page: first.next_page ?? undefined })
    expect(second.data).toHaveLength(2)
    expect(second.data.map((i) => i.id)).not.toEqual(expect.arrayContaining(first.data.map((i) => i.id)))
    const all = await stripe.paymentIntents.search({ query, limit: 2 }).autoPagingToArray({ limit: 100 })
    expect(ids(all)).toEqual(ids(Object.values(made)))
    const created = all.map((i) => i.created)
    expect(created).toEqual([...created].sort((a, b) => b - a))
  })

  it("counts every match when total_count is expanded", async () => {
    const { stripe } = target()
    const query = `metadata['run']:'${run}' AND currency:'usd'`
    await searchSettled(stripe, { query }, 4)
    const page = await stripe.paymentIntents.search({ query, limit: 1, expand: ["total_count"] })
    expect(page.data).toHaveLength(1)
    expect(page.total_count).toBe(4)
  })

  it("answers 400 invalid_request_error for a query it cannot parse or a field it does not search", async () => {
    const { stripe } = target()
    const unparsable = await failure(() => stripe.paymentIntents.search({ query: "asdf" }))
    expect(unparsable).toMatchObject({ type: "StripeInvalidRequestError", statusCode: 400 })
    expect(unparsable.message).toMatch(/unable to parse your search query/)
    const unknownField = await failure(() => stripe.paymentIntents.search({ query: "foo:'bar'" }))
    expect(unknownField).toMatchObject({ type: "StripeInvalidRequestError", statusCode: 400 })
    expect(unknownField.message).toMatch(/Field `foo` is an unsupported search field for resource `payment_intents`/)
    const missing = await failure(() => stripe.paymentIntents.search({ query: "" }))
    expect(missing.statusCode).toBe(400)
  })

  itSandboxOnly(
    "refuses what the language forbids: open quotes, unquoted words, AND with OR, too many clauses, bad operators",
    async () => {
      const { stripe } = target()
      const refused = async (query: string, message: RegExp) => {
        const error = await failure(() => stripe.paymentIntents.search({ query }))
        expect({ query, type: error.type, status: error.statusCode, param: error.param }).toEqual({
          query,
          type: "StripeInvalidRequestError",
          status: 400,
          param: "query",
        })
        expect(error.message).toMatch(message)
      }
      await refused(`metadata['order_id']:'order_a`, /unable to parse.*closing '/)
      await refused(`metadata['order_id]:'order_a'`, /unable to parse/)
      await refused(`status:succeeded`, /must be quoted/)
      await refused(`status:'succeeded' AND currency:'usd' OR amount>5`, /cannot combine AND and OR/)
      await refused(`status:'succeeded' currency:'usd' OR amount>5`, /cannot combine AND and OR/)
      await refused(Array.from({ length: 11 }, (_, i) => `metadata['k${i}']:'v'`).join(" AND "), /limited to 10 clauses/)
      await refused(`status>'succeeded'`, /does not support numeric comparison/)
      await refused(`amount>'big'`, /needs a number/)
      await refused(`amount:'big'`, /is numeric/)
      await refused(`status~'suc'`, /does not support substring/)
      await refused(`status:'succeeded' AND`, /unable to parse/)
      await refused(`status:'succeeded'currency:'usd'`, /space between clauses/)
      const badPage = await failure(() => stripe.paymentIntents.search({ query: "status:'succeeded'", page: "not-a-token" }))
      expect(badPage).toMatchObject({ statusCode: 400, param: "page" })
      const badLimit = await failure(() => stripe.paymentIntents.search({ query: "status:'succeeded'", limit: 101 }))
      expect(badLimit).toMatchObject({ statusCode: 400, param: "limit" })
    }
  )

  itSandboxOnly("searches only the account named by Stripe-Account", async () => {
    const { stripe, client, sandbox } = target()
    const response = await fetch(`${sandbox().url}/_sandbox/accounts`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    })
    const { stripe_user_id: account } = (await response.json()) as { stripe_user_id: string }
    const asAccount = client(SANDBOX_KEY, { stripeAccount: account })
    const theirs = await asAccount.paymentIntents.create(
      cardIntent({ payment_method: "pm_card_visa", confirm: true, metadata: { run, scoped: "yes" } })
    )
    const query = `metadata['run']:'${run}'`
    const fromAccount = await asAccount.paymentIntents.search({ query }).autoPagingToArray({ limit: 100 })
    expect(fromAccount.map((i) => i.id)).toEqual([theirs.id])
    const fromPlatform = await stripe.paymentIntents.search({ query }).autoPagingToArray({ limit: 100 })
    expect(ids(fromPlatform)).toEqual(ids(Object.values(made)))
    const logged = sandbox().requests({ operation: "GET /v1/payment_intents/search", account })
    expect(logged).toHaveLength(1)
  })

  itSandboxOnly("keeps pages stable when intents are created between them", async () => {
    const { stripe } = target()
    const query = `metadata['run']:'${run}' AND metadata['order_id']:'order_a'`
    const first = await stripe.paymentIntents.search({ query, limit: 2 })
    await stripe.paymentIntents.create(cardIntent({ metadata: { run: `${run}_late`, order_id: "order_a" } }))
    await stripe.paymentIntents.create(cardIntent({ metadata: { run, order_id: "order_a", late: "yes" } }))
    const rest = await stripe.paymentIntents.search({ query, limit: 10, page: first.next_page ?? undefined })
    expect(ids([...first.data, ...rest.data])).toEqual(ids([made.small, made.large, made.euro, made.open]))
  })
})
