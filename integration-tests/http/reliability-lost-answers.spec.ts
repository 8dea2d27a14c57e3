import Stripe from "stripe"
import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createAdminHeaders } from "../helpers/admin"
import { waitFor } from "../helpers/checkout"
import { createUnpaidOrder } from "../helpers/orders"
import { SANDBOX_API_KEY, useSandbox } from "../helpers/sandbox"
import reconcileStripeChargesJob from "../../src/jobs/reconcile-stripe-charges"

/**
 * Stripe took the money but Medusa never heard: the answer was lost on the way back, and Stripe
 * could not even be asked at once. Whichever comes first — Stripe's webhook, the reconciliation job,
 * the admin's "check Stripe", or a retry of the same request — records the payment exactly once, and
 * the merchant is emailed only when it cannot be recorded.
 */

jest.setTimeout(300_000)

const sandbox = useSandbox()
// Deliveries to a closed port fail: Stripe's webhook never reaches Medusa.
const NOWHERE = "http://127.0.0.1:9/hooks/payment/stripe-collect_default"

type Answer = { status: number; data: Record<string, any> }

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: Record<string, string>
    let stripe: Stripe

    const post = (path: string, body: unknown, extra: Record<string, string> = {}): Promise<Answer> =>
      api.post(path, body, { headers: { ...headers, ...extra } }).catch((e: { response: Answer }) => e.response)
    const charge = (orderId: string, amount: number, key: string) =>
      post(`/admin/stripe-collect/orders/${orderId}/charges`, { amount, payment_method: "pm_card_visa" }, { "idempotency-key": key })
    const reconcile = () => post("/admin/stripe-collect/reconcile", {})

    const adminOrder = async (orderId: string) =>
      (await api.get(`/admin/orders/${orderId}?fields=+payment_status,+summary`, { headers })).data.order
    const chargeActivity = async (orderId: string) =>
      ((await api.get(`/admin/stripe-collect/orders/${orderId}`, { headers })).data.activity as Record<string, any>[]).filter(
        (a) => a.kind === "charge"
      )
    const succeededIntents = async (orderId: string, only: (pi: Stripe.PaymentIntent) => boolean = () => true) =>
      (await stripe.paymentIntents.list({ limit: 100 }).autoPagingToArray({ limit: 10_000 })).filter(
        (pi) => pi.status === "succeeded" && pi.metadata.order_id === orderId && only(pi)
      )

    /** Stripe makes the PaymentIntent, the connection breaks before the answer, and Stripe cannot be listed or searched. */
    function loseTheAnswer() {
      const s = sandbox.current()
      s.addFault({ method: "POST", path: "/v1/payment_intents", times: "always", timeoutAfterProcessing: true })
      s.addFault({ method: "GET", path: "/v1/payment_intents", times: "always", status: 500 })
      s.addFault({ method: "GET", path: "/v1/payment_intents/search", times: "always", status: 500 })
    }

    async function expectPaidOnce(orderId: string, cents: number, only?: (pi: Stripe.PaymentIntent) => boolean) {
      const intents = await succeededIntents(orderId, only)
      expect(intents).toHaveLength(1)
      expect(intents[0].amount_received).toBe(cents)
      const order = await adminOrder(orderId)
      expect(Math.round(Number(order.summary.paid_total) * 100)).toBe(cents)
      const succeeded = (await chargeActivity(orderId)).filter((a) => a.status === "succeeded")
      expect(succeeded.map((a) => a.stripe_object_id ?? a.payment_intent_id)).toEqual([intents[0].id])
      return { order, intent: intents[0] }
    }

    beforeEach(async () => {
      ;({ headers } = await createAdminHeaders(getContainer()))
      const s = sandbox.current()
      stripe = new Stripe(SANDBOX_API_KEY, { ...s.stripe, maxNetworkRetries: 0 })
      s.clearFaults()
      s.setWebhookUrl(NOWHERE)
      await post("/admin/stripe-collect/settings", { store_name: "Acme", error_email: "alerts@acme.test" })
    })

    it("the answer is lost but Stripe can be asked: the charge itself records it, once", async () => {
      const s = sandbox.current()
      const order = await createUnpaidOrder(getContainer(), { amount: 100 })
      s.addFault({ method: "POST", path: "/v1/payment_intents", times: "always", timeoutAfterProcessing: true })

      const answer = await charge(order.id, 30, "lost-then-asked")
      expect(answer.status).toBe(201)
      expect(answer.data.charge).toMatchObject({ status: "succeeded", amount: 30 })
      expect(answer.data.order).toMatchObject({ paid_total: 30, outstanding: 70, payment_status: "partially_captured" })
      const { intent } = await expectPaidOnce(order.id, 3000)
      expect(answer.data.charge.payment_intent_id).toBe(intent.id)

      s.clearFaults()
      const replay = await charge(order.id, 30, "lost-then-asked")
      expect(replay.status).toBe(200)
      expect(replay.data.charge.payment_intent_id).toBe(intent.id)
      // Settled in the ledger: reconciliation has nothing left to ask Stripe about it.
      expect((await reconcile()).data.reconciliation).toMatchObject({ recorded: 0, failed: 0 })
      await expectPaidOnce(order.id, 3000)
    })

    it("the answer is lost and Stripe cannot be asked: 502, then 'check Stripe' records it once and a retry replays it", async () => {
      const s = sandbox.current()
      const order = await createUnpaidOrder(getContainer(), { amount: 100 })
      const emailsBefore = s.emails().length
      loseTheAnswer()

      const lost = await charge(order.id, 30, "lost-unknown")
      expect(lost.status).toBe(502)
      expect(lost.data.retryable).toBe(true)
      expect(await succeededIntents(order.id).catch(() => null)).toBeNull() // the list itself is failing
      s.clearFaults()
      expect(await succeededIntents(order.id)).toHaveLength(1)
      expect(Number((await adminOrder(order.id)).summary.paid_total)).toBe(0)
      expect((await chargeActivity(order.id)).map((a) => [a.status, a.failure_code])).toEqual([["failed", "stripe_outcome_unknown"]])

      const first = await reconcile()
      expect(first.status).toBe(200)
      // Charges of earlier tests belong to orders this (reset) database no longer has: skipped, not failed.
      expect(first.data.reconciliation).toMatchObject({ recorded: 1, failed: 0 })
      const second = await reconcile()
      expect(second.data.reconciliation).toMatchObject({ recorded: 0, failed: 0 })
      const { order: paid, intent } = await expectPaidOnce(order.id, 3000)
      expect(paid.payment_status).toBe("partially_captured")
      expect(Number(paid.summary.pending_difference)).toBe(70)
      // The attempt that lost its answer now shows what really happened.
      expect((await chargeActivity(order.id)).map((a) => a.status)).toEqual(["succeeded"])

      const retry = await charge(order.id, 30, "lost-unknown")
      expect(retry.status).toBe(200)
      expect(retry.data.charge.payment_intent_id).toBe(intent.id)
      // Healed, so the merchant was not emailed (the customer got the receipt of the payment).
      expect(
        s
          .emails()
          .slice(emailsBefore)
          .filter((e) => !/^Payment received/.test(e.subject))
      ).toEqual([])
      // The rest can still be charged, and then the order is paid.
      const rest = await charge(order.id, 70, "lost-rest")
      expect(rest.status).toBe(201)
      expect(rest.data.order).toMatchObject({ outstanding: 0, payment_status: "captured" })
    })

    it("the answer is lost and Stripe cannot be asked: Stripe's webhook, delivered twice, records it once", async () => {
      const s = sandbox.current()
      const order = await createUnpaidOrder(getContainer(), { amount: 100 })
      s.setWebhookUrl(`${api.defaults.baseURL}/hooks/payment/stripe-collect_default`)
      // Stripe delivers every event twice: still recorded once.
      s.addWebhookFault({ mode: "duplicate", times: 10 })
      loseTheAnswer()

      const answer = await charge(order.id, 45.5, "lost-webhook")
      // The webhook may record it before the lost answer is reported; either way it is recorded once.
      expect([201, 502]).toContain(answer.status)
      await waitFor(async () => Number((await adminOrder(order.id)).summary.paid_total) === 45.5, 60_000)
      s.clearFaults()
      await s.webhooksSettled()
      const { intent } = await expectPaidOnce(order.id, 4550)
      const delivered = s.webhookDeliveries().filter((d) => d.type === "payment_intent.succeeded" && d.status === 200)
      expect(delivered.length).toBeGreaterThanOrEqual(2)
      const retry = await charge(order.id, 45.5, "lost-webhook")
      expect([200, 201]).toContain(retry.status)
      expect(retry.data.charge.payment_intent_id).toBe(intent.id)
      expect((await reconcile()).data.reconciliation).toMatchObject({ recorded: 0 })
      await expectPaidOnce(order.id, 4550)
    })

    it("a new charge after a lost answer first records what Stripe took, so it cannot take more than is owed", async () => {
      const s = sandbox.current()
      const order = await createUnpaidOrder(getContainer(), { amount: 100 })
      loseTheAnswer()
      expect((await charge(order.id, 100, "lost-full")).status).toBe(502)
      s.clearFaults()

      // A different button press: the lost 100.00 is found and recorded first, nothing is left to charge.
      const another = await charge(order.id, 100, "second-press")
      expect(another.status).toBe(409)
      expect(String(another.data.message)).toMatch(/outstanding|paid/i)
      const { order: paid } = await expectPaidOnce(order.id, 10000)
      expect(paid.payment_status).toBe("captured")
    })

    it("the reconciliation job records lost charges once, ignores PaymentIntents the plugin never made, and emails the merchant about money it cannot record", async () => {
      const s = sandbox.current()
      const order = await createUnpaidOrder(getContainer(), { amount: 100 })
      const gone = await createUnpaidOrder(getContainer(), { amount: 40 })
      const emailsBefore = s.emails().length
      loseTheAnswer()
      expect((await charge(order.id, 25, "lost-for-the-job")).status).toBe(502)
      expect((await charge(gone.id, 40, "lost-then-order-deleted")).status).toBe(502)
      s.clearFaults()
      const [lostOnGone] = await succeededIntents(gone.id)
      expect(lostOnGone).toBeDefined()
      // The order Stripe took that money for disappears from Medusa before the job runs: it cannot be recorded.
      await getContainer().resolve(Modules.ORDER).softDeleteOrders([gone.id])

      // Someone made an "admin charge" PaymentIntent for this order straight through Stripe's API: not ours, never recorded.
      const foreign = await stripe.paymentIntents.create({
        amount: 1000,
        currency: "usd",
        payment_method: "pm_card_visa",
        confirm: true,
        automatic_payment_methods: { enabled: true, allow_redirects: "never" },
        metadata: { stripe_collect: "1", stripe_collect_flow: "admin_charge", order_id: order.id },
      })
      expect(foreign.status).toBe("succeeded")

      await reconcileStripeChargesJob(getContainer())
      await reconcileStripeChargesJob(getContainer())
      await expectPaidOnce(order.id, 2500, (pi) => pi.id !== foreign.id)
      expect(Number((await adminOrder(order.id)).summary.paid_total)).toBe(25)

      const emails = s
        .emails()
        .slice(emailsBefore)
        .filter((e) => !/^Payment received/.test(e.subject))
      expect(emails).toHaveLength(1)
      expect(emails[0].to).toEqual(["alerts@acme.test"])
      expect(emails[0].text ?? "").toContain(lostOnGone.id)
      expect(emails[0].text ?? "").not.toContain(foreign.id)
      const errors = (await api.get("/admin/stripe-collect/settings", { headers })).data.settings.recent_errors
      expect(errors.map((e: { kind: string }) => e.kind)).toContain("payment_not_recorded")
    })

    it("an attempt Stripe never received is shown as not charged once nothing can still arrive", async () => {
      const s = sandbox.current()
      const order = await createUnpaidOrder(getContainer(), { amount: 100 })
      s.addFault({ method: "POST", path: "/v1/payment_intents", times: "always", dropConnection: true })
      expect((await charge(order.id, 10, "never-arrived")).status).toBe(502)
      s.clearFaults()
      const { reconcileWithStripe } = await import("../../src/ledger/reconcile-with-stripe")
      const later = new Date(Date.now() + 6 * 60_000)
      const summary = await reconcileWithStripe(getContainer(), { order_id: order.id, now: later })
      expect(summary).toMatchObject({ recorded: 0, not_charged: 1 })
      const [attempt] = await chargeActivity(order.id)
      expect(attempt).toMatchObject({ status: "failed", failure_code: "not_charged" })
      expect(await succeededIntents(order.id)).toHaveLength(0)
    })

    it("the reconcile route refuses bad input and needs an admin", async () => {
      for (const body of [{ hours: 0 }, { hours: 1.5 }, { hours: "24" }, { hours: 10_000 }, { extra: true }]) {
        const answer = await post("/admin/stripe-collect/reconcile", body)
        expect(answer.status).toBe(400)
        expect(String(answer.data.message)).toMatch(/hours|extra|Unrecognized/i)
      }
      const anonymous = await api.post("/admin/stripe-collect/reconcile", {}).catch((e: { response: Answer }) => e.response)
      expect(anonymous.status).toBe(401)
    })
  },
})
