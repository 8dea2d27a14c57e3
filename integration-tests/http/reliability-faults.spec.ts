import Stripe from "stripe"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { FaultRule } from "../../sandbox"
import { createAdminHeaders } from "../helpers/admin"
import { createUnpaidOrder } from "../helpers/orders"
import { SANDBOX_API_KEY, useSandbox } from "../helpers/sandbox"
import { payOnSandboxCheckout, pressPay, waitFor } from "../helpers/checkout"
import { sleep } from "../reliability/helpers"

/**
 * Money moves once under Stripe faults and races: a failed Stripe call gives the admin a clear,
 * retryable error; a retry with the same Idempotency-Key reuses Stripe's key and charges at most
 * once; concurrent charges and link payments never collect more than the order's total; Medusa and
 * Stripe agree at the end.
 */

jest.setTimeout(300_000)

const sandbox = useSandbox()

type Fault = Omit<FaultRule, "path" | "method" | "times">

const FAULTS: [string, Fault][] = [
  ["Stripe answers 500", { status: 500 }],
  ["Stripe answers 429", { status: 429 }],
  ["Stripe processes, then the connection times out", { timeoutAfterProcessing: true }],
  ["the connection drops before Stripe processes", { dropConnection: true }],
]

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: Record<string, string>
    let stripe: Stripe

    const charge = (orderId: string, body: unknown, extra: Record<string, string> = {}) =>
      api
        .post(`/admin/stripe-collect/orders/${orderId}/charges`, body, { headers: { ...headers, ...extra } })
        .catch((e: { response: { status: number; data: Record<string, unknown> } }) => e.response)

    const adminOrder = async (orderId: string) =>
      (await api.get(`/admin/orders/${orderId}?fields=+payment_status,+summary`, { headers })).data.order

    /** Medusa's paid total and the sum of Stripe's succeeded PaymentIntents for the order, in cents. */
    async function agreement(orderId: string, intentFilter?: (pi: Stripe.PaymentIntent) => boolean) {
      const order = await adminOrder(orderId)
      const intents = (await stripe.paymentIntents.list({ limit: 100 }).autoPagingToArray({ limit: 10_000 })).filter(
        (pi) => pi.status === "succeeded" && (intentFilter ? intentFilter(pi) : pi.metadata.order_id === orderId)
      )
      return {
        medusa_cents: Math.round(Number(order.summary.paid_total) * 100),
        stripe_cents: intents.reduce((sum, pi) => sum + pi.amount_received, 0),
        intents: intents.length,
        order,
      }
    }

    beforeEach(async () => {
      ;({ headers } = await createAdminHeaders(getContainer()))
      const s = sandbox.current()
      stripe = new Stripe(SANDBOX_API_KEY, { ...s.stripe, maxNetworkRetries: 0 })
      s.clearFaults()
      s.setWebhookUrl(`${api.defaults.baseURL}/hooks/payment/stripe-collect_default`)
    })

    it("Stripe answers 429 on every try: a clear retryable error; the retry with the same key charges once", async () => {
      const s = sandbox.current()
      const order = await createUnpaidOrder(getContainer(), { amount: 100 })
      const key = { "idempotency-key": "reliability-rate-limited" }
      s.clearRequests()
      s.addFault({ method: "POST", path: "/v1/payment_intents", times: "always", status: 429 })

      const failed = await charge(order.id, { amount: 30, payment_method: "pm_card_visa" }, key)
      expect(failed.status).toBe(503)
      expect(String(failed.data.message)).toMatch(/rate limit/i)
      expect(failed.data.retryable).toBe(true)
      const tries = s.requests().filter((r) => r.method === "POST" && r.path === "/v1/payment_intents")
      expect(tries.length).toBeGreaterThanOrEqual(1)
      // The SDK's own retries of this attempt all carried one key.
      expect(new Set(tries.map((r) => r.idempotencyKey)).size).toBe(1)

      s.clearFaults()
      const retried = await charge(order.id, { amount: 30, payment_method: "pm_card_visa" }, key)
      expect(retried.status).toBe(201)
      expect(retried.data.order).toMatchObject({ paid_total: 30, outstanding: 70 })
      // A third press of the same button replays the success and changes nothing.
      const again = await charge(order.id, { amount: 30, payment_method: "pm_card_visa" }, key)
      expect(again.status).toBe(200)
      expect(again.data.replayed).toBe(true)

      await s.webhooksSettled()
      const { medusa_cents, stripe_cents, intents } = await agreement(order.id)
      expect({ medusa_cents, stripe_cents, intents }).toEqual({ medusa_cents: 3000, stripe_cents: 3000, intents: 1 })
    })

    it.each(FAULTS.filter(([name]) => !name.includes("429")))(
      "%s on every try: Stripe is asked what happened; a retry with the same key charges at most once",
      async (name, fault) => {
        const s = sandbox.current()
        const order = await createUnpaidOrder(getContainer(), { amount: 100 })
        const key = { "idempotency-key": `reliability-${name.replace(/\W+/g, "-")}` }
        s.clearRequests()
        s.addFault({ method: "POST", path: "/v1/payment_intents", times: "always", ...fault })

        const first = await charge(order.id, { amount: 30, payment_method: "pm_card_visa" }, key)
        const tries = s.requests().filter((r) => r.method === "POST" && r.path === "/v1/payment_intents")
        expect(tries.length).toBeGreaterThanOrEqual(1)
        expect(new Set(tries.map((r) => r.idempotencyKey)).size).toBe(1)
        if (fault.timeoutAfterProcessing) {
          // Stripe took it and only the answer was lost: the charge reads Stripe and records it.
          expect(first.status).toBe(201)
          expect(first.data.order).toMatchObject({ paid_total: 30, outstanding: 70 })
        } else {
          expect(first.status).toBe(502)
          expect(String(first.data.message)).toMatch(/will not charge twice/)
          expect(first.data.retryable).toBe(true)
        }

        // Stripe is healthy again; the admin presses retry (same key) twice: one charge in all.
        s.clearFaults()
        const retried = await charge(order.id, { amount: 30, payment_method: "pm_card_visa" }, key)
        expect(retried.status).toBe(fault.timeoutAfterProcessing ? 200 : 201)
        const again = await charge(order.id, { amount: 30, payment_method: "pm_card_visa" }, key)
        expect(again.status).toBe(200)
        expect(again.data.replayed).toBe(true)
        const after = s.requests().filter((r) => r.method === "POST" && r.path === "/v1/payment_intents")
        // Every try of the attempt, before and after the fault, carried one Stripe idempotency key.
        expect(new Set(after.map((r) => r.idempotencyKey)).size).toBe(1)

        await s.webhooksSettled()
        await sleep(6_000)
        const { medusa_cents, stripe_cents, intents } = await agreement(order.id)
        expect({ medusa_cents, stripe_cents, intents }).toEqual({ medusa_cents: 3000, stripe_cents: 3000, intents: 1 })
        console.log(
          `[reliability] fault "${name}": ${tries.length} Stripe tries, first answer ${first.status}, Stripe ${stripe_cents / 100}, Medusa ${medusa_cents / 100}`
        )
      }
    )

    it.each(FAULTS)("%s once: the SDK's retry succeeds with the same key and charges once", async (_name, fault) => {
      const s = sandbox.current()
      const order = await createUnpaidOrder(getContainer(), { amount: 100 })
      s.clearRequests()
      s.addFault({ method: "POST", path: "/v1/payment_intents", times: 1, ...fault })
      const response = await charge(order.id, { amount: 45.5, payment_method: "pm_card_visa" })
      const tries = s.requests().filter((r) => r.method === "POST" && r.path === "/v1/payment_intents")
      expect(new Set(tries.map((r) => r.idempotencyKey)).size).toBe(1)
      if (response.status !== 201) {
        // Stripe may tell the SDK not to retry (429 without Stripe-Should-Retry): then it must be a clear, retryable error.
        expect([502, 503]).toContain(response.status)
        expect(response.data.retryable).toBe(true)
      }
      await sleep(1_000)
      const { medusa_cents, stripe_cents, intents } = await agreement(order.id)
      expect(intents).toBeLessThanOrEqual(1)
      expect(medusa_cents).toBe(stripe_cents)
      expect(medusa_cents).toBe(response.status === 201 ? 4550 : 0)
    })

    it.each(FAULTS)(
      "pay link press, %s on every try: a page saying nothing was charged; the next press opens Checkout; paid once",
      async (_name, fault) => {
        const s = sandbox.current()
        const order = await createUnpaidOrder(getContainer(), { amount: 100, email: "press@example.test" })
        const created = await api.post(`/admin/stripe-collect/orders/${order.id}/payment-links`, { amount: 40 }, { headers })
        const link = created.data.payment_link as { id: string; url: string }
        s.clearRequests()
        s.addFault({ method: "POST", path: "/v1/checkout/sessions", times: "always", ...fault })
        const startedAt = Date.now()

        const failed = await fetch(link.url, { method: "POST", redirect: "manual" })
        expect([502, 503]).toContain(failed.status)
        expect(failed.headers.get("content-type")).toContain("text/html")
        expect(await failed.text()).toContain("Nothing was charged")

        s.clearFaults()
        const checkoutUrl = await pressPay(link.url)
        const sameWindow = Math.floor(startedAt / 600_000) === Math.floor(Date.now() / 600_000)
        const presses = s.requests().filter((r) => r.method === "POST" && r.path === "/v1/checkout/sessions")
        // Within one ten-minute window every try of both presses is the same request to Stripe.
        if (sameWindow) expect(new Set(presses.map((r) => r.idempotencyKey)).size).toBe(1)
        const paid = await payOnSandboxCheckout(checkoutUrl, "4242424242424242")
        expect(paid.status).toBe(200)
        await s.webhooksSettled()

        const sessions = (await stripe.checkout.sessions.list({ limit: 100 })).data.filter((cs) => cs.metadata?.payment_link_id === link.id)
        if (sameWindow && fault.timeoutAfterProcessing) expect(sessions).toHaveLength(1)
        expect(sessions.filter((cs) => cs.payment_status === "paid")).toHaveLength(1)
        await waitFor(async () => Number((await adminOrder(order.id)).summary.paid_total) === 40)
        await sleep(6_000)
        const { medusa_cents, stripe_cents } = await agreement(order.id, (pi) => pi.metadata.payment_link_id === link.id)
        expect({ medusa_cents, stripe_cents }).toEqual({ medusa_cents: 4000, stripe_cents: 4000 })
      }
    )

    it("20 concurrent charges on one order never take more than its total and record each charge once", async () => {
      const order = await createUnpaidOrder(getContainer(), { amount: 100 })
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          charge(order.id, { amount: 15, payment_method: "pm_card_visa" }, { "idempotency-key": `race-${i}` })
        )
      )
      const statuses = results.map((r) => r.status)
      // Refusals are 400 (more than the outstanding amount) or 409 (nothing outstanding), with the reason.
      const odd = results
        .filter((r) => r.status !== 201 && r.status !== 400 && r.status !== 409)
        .map((r) => `${r.status} ${JSON.stringify(r.data).slice(0, 300)}`)
      expect(odd).toEqual([])
      expect(statuses.filter((s) => s === 201)).toHaveLength(6)
      const refused = results.filter((r) => r.status !== 201)
      expect(refused).toHaveLength(14)
      for (const r of refused) expect(String(r.data.message)).toMatch(/outstanding/)

      const chargeIds = results.filter((r) => r.status === 201).map((r) => (r.data.charge as { id: string }).id)
      expect(new Set(chargeIds).size).toBe(6)
      const { medusa_cents, stripe_cents, intents, order: state } = await agreement(order.id)
      expect({ medusa_cents, stripe_cents, intents }).toEqual({ medusa_cents: 9000, stripe_cents: 9000, intents: 6 })
      expect(state.summary.pending_difference).toBe(10)

      const summary = (await api.get(`/admin/stripe-collect/orders/${order.id}`, { headers })).data
      const succeeded = summary.activity.filter((a: { kind: string; status: string }) => a.kind === "charge" && a.status === "succeeded")
      expect(succeeded).toHaveLength(6)
    })

    it("charges racing a link payment on one order: Medusa records exactly what Stripe collected, each payment once", async () => {
      const order = await createUnpaidOrder(getContainer(), { amount: 100, email: "racer@example.test" })
      const created = await api.post(`/admin/stripe-collect/orders/${order.id}/payment-links`, { amount: 60 }, { headers })
      const link = created.data.payment_link as { id: string; url: string }
      // The customer opens Checkout before anyone has paid; then pays while the admin charges.
      const checkoutUrl = await pressPay(link.url)
      const outcomes = await Promise.all([
        payOnSandboxCheckout(checkoutUrl, "4242424242424242").then((r) => ({ kind: "link", status: r.status, amount: 60 })),
        ...Array.from({ length: 4 }, (_, i) =>
          charge(order.id, { amount: 30, payment_method: "pm_card_visa" }, { "idempotency-key": `mixed-${i}` }).then((r) => ({
            kind: "charge",
            status: r.status,
            amount: 30,
          }))
        ),
      ])
      for (const outcome of outcomes) expect(outcome.status).toBeLessThan(500)
      const charged = outcomes.filter((o) => o.kind === "charge" && o.status === 201).reduce((sum, o) => sum + o.amount, 0)
      // Charges alone are serialized under the order's lock: they never pass the total.
      expect(charged).toBeLessThanOrEqual(100)

      await sandbox.current().webhooksSettled()
      await sleep(7_000)
      const state = await adminOrder(order.id)
      const stripeSide = (await stripe.paymentIntents.list({ limit: 100 }).autoPagingToArray({ limit: 10_000 })).filter(
        (pi) => pi.status === "succeeded" && (pi.metadata.order_id === order.id || pi.metadata.payment_link_id === link.id)
      )
      const collectedCents = stripeSide.reduce((sum, pi) => sum + pi.amount_received, 0)
      console.log(
        `[reliability] race: ${outcomes.map((o) => `${o.kind}:${o.status}`).join(" ")}; Stripe collected ${collectedCents / 100}, Medusa paid_total ${state.summary.paid_total}`
      )
      // Nothing lost, nothing counted twice: Medusa's paid total is exactly Stripe's succeeded money.
      expect(Math.round(Number(state.summary.paid_total) * 100)).toBe(collectedCents)
      const summary = (await api.get(`/admin/stripe-collect/orders/${order.id}`, { headers })).data
      const linkPaid = summary.activity.filter((a: { kind: string; status: string }) => a.kind === "payment_link" && a.status === "paid")
      expect(linkPaid.length).toBeLessThanOrEqual(1)
      expect(stripeSide.filter((pi) => pi.metadata.payment_link_id === link.id).length).toBe(linkPaid.length)
    })
  },
})
