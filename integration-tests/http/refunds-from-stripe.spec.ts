import Stripe from "stripe"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createAdminHeaders } from "../helpers/admin"
import { createUnpaidOrder } from "../helpers/orders"
import { SANDBOX_API_KEY, useSandbox } from "../helpers/sandbox"
import { redeliver, stripeEventsAbout, waitForState, WEBHOOK_QUEUE_MS } from "../helpers/trust-boundary"

jest.setTimeout(300_000)

const sandbox = useSandbox()
const WEBHOOK_PATH = "/hooks/payment/stripe-collect_default"
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

type RefundRow = { id: string; amount: number; note: string | null }
type PaymentRefunds = { payment_id: string; captured: number; refunds: RefundRow[]; data: Record<string, unknown> }

/**
 * Refunds made in Stripe (Dashboard, API, another system) become exactly one Medusa refund on the payment
 * they left, through Medusa's refund workflow and without a second refund at Stripe; the plugin's own
 * refunds (Medusa's Refund button) are never recorded twice.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: Record<string, string>
    let stripe: Stripe

    beforeEach(async () => {
      ;({ headers } = await createAdminHeaders(getContainer()))
      stripe = new Stripe(SANDBOX_API_KEY, { ...sandbox.current().stripe, maxNetworkRetries: 0 })
      sandbox.current().setWebhookUrl(`${api.defaults.baseURL}${WEBHOOK_PATH}`)
    })

    afterEach(() => sandbox.current().setWebhookUrl(null))

    async function chargedOrder(amount: number, charge: number, card = "pm_card_visa") {
      const order = await createUnpaidOrder(getContainer(), { currency: "usd", amount })
      const answer = await api.post(
        `/admin/stripe-collect/orders/${order.id}/charges`,
        { amount: charge, payment_method: card },
        { headers }
      )
      expect(answer.status).toBe(201)
      const intent = (await stripe.paymentIntents.list({ limit: 100 })).data.find((pi) => pi.metadata.order_id === order.id)
      if (!intent) throw new Error("no PaymentIntent for the charge")
      return { order, intent }
    }

    async function paymentRefunds(orderId: string): Promise<PaymentRefunds[]> {
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({
        entity: "order",
        fields: [
          "payment_collections.payments.id",
          "payment_collections.payments.data",
          "payment_collections.payments.captures.amount",
          "payment_collections.payments.refunds.id",
          "payment_collections.payments.refunds.amount",
          "payment_collections.payments.refunds.note",
        ],
        filters: { id: orderId },
      })
      type Payment = {
        id: string
        data: Record<string, unknown> | null
        captures?: Array<{ amount: number }>
        refunds?: Array<{ id: string; amount: number; note: string | null }>
      }
      const collections = (data[0]?.payment_collections ?? []) as Array<{ payments?: Payment[] }>
      return collections
        .flatMap((c) => c.payments ?? [])
        .filter((p) => (p.captures ?? []).length > 0)
        .map((p) => ({
          payment_id: p.id,
          data: p.data ?? {},
          captured: (p.captures ?? []).reduce((sum, c) => sum + Number(c.amount), 0),
          refunds: (p.refunds ?? []).map((r) => ({ id: r.id, amount: Number(r.amount), note: r.note })),
        }))
    }

    const refundedTotal = (payments: PaymentRefunds[]) =>
      Math.round(payments.flatMap((p) => p.refunds).reduce((sum, r) => sum + r.amount, 0) * 100) / 100

    const orderStatus = async (orderId: string) =>
      (await api.get(`/admin/orders/${orderId}?fields=+payment_status,+summary`, { headers })).data.order

    const stripeRefunds = async (intentId: string) => (await stripe.refunds.list({ payment_intent: intentId, limit: 100 })).data

    const activity = async (orderId: string) =>
      (await api.get(`/admin/stripe-collect/orders/${orderId}`, { headers })).data.activity as Array<{
        kind: string
        status: string
        amount: number | null
        stripe_object_id: string | null
        message: string | null
      }>

    it("records a refund made in Stripe once, as a Medusa refund of that amount, and never refunds again at Stripe", async () => {
      const { order, intent } = await chargedOrder(100, 100)
      expect((await orderStatus(order.id)).payment_status).toBe("captured")

      const refund = await stripe.refunds.create({ payment_intent: intent.id, amount: 2000 })
      const payments = await waitForState(
        () => paymentRefunds(order.id),
        (p) => refundedTotal(p) > 0,
        "the Stripe refund recorded in Medusa",
        60_000
      )
      expect(payments).toHaveLength(1)
      expect(payments[0].refunds).toEqual([{ id: expect.any(String), amount: 20, note: expect.stringContaining(refund.id) }])
      expect(payments[0].data.refund_ids).toEqual([refund.id])
      expect(payments[0].data.stripe_collect_recording_refund).toBeNull()
      expect((await orderStatus(order.id)).payment_status).toBe("partially_refunded")
      // Recording it asked Stripe for nothing: Stripe still has the one refund made there.
      expect(await stripeRefunds(intent.id)).toHaveLength(1)

      // The activity line is the recording's last step.
      const lines = await waitForState(
        () => activity(order.id),
        (l) => l.some((line) => line.kind === "refund"),
        "the refund on the order's activity"
      )
      expect(lines).toEqual(
        expect.arrayContaining([expect.objectContaining({ kind: "refund", status: "succeeded", amount: 20, stripe_object_id: refund.id })])
      )

      // Every event about it again, twice, newest first: nothing more is recorded.
      const events = await stripeEventsAbout(stripe, [refund.id])
      expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(["refund.created"]))
      await redeliver(api.defaults.baseURL!, [...events].reverse(), 2)
      await sleep(WEBHOOK_QUEUE_MS)
      expect(refundedTotal(await paymentRefunds(order.id))).toBe(20)
      expect(await stripeRefunds(intent.id)).toHaveLength(1)
    })

    it("records events that arrive out of order, at once and duplicated, exactly once", async () => {
      const { order, intent } = await chargedOrder(100, 60)
      sandbox.current().setWebhookUrl(null)
      const refund = await stripe.refunds.create({ payment_intent: intent.id, amount: 1500 })
      await stripe.refunds.update(refund.id, { metadata: { note: "customer called" } })
      const events = await stripeEventsAbout(stripe, [refund.id])
      expect(events.map((e) => e.type)).toEqual(["refund.created", "refund.updated"])

      // refund.updated first, then both four times at once.
      const shuffled = [...events].reverse()
      await Promise.all(Array.from({ length: 4 }, () => redeliver(api.defaults.baseURL!, shuffled)))
      await waitForState(
        () => paymentRefunds(order.id),
        (p) => refundedTotal(p) === 15,
        "one refund of 15",
        60_000
      )
      await sleep(WEBHOOK_QUEUE_MS)
      const payments = await paymentRefunds(order.id)
      expect(payments[0].refunds).toHaveLength(1)
      expect(refundedTotal(payments)).toBe(15)
      expect(await stripeRefunds(intent.id)).toHaveLength(1)
    })

    it("does not record the plugin's own refund twice: Medusa's Refund button makes one refund in Stripe and one in Medusa", async () => {
      const { order, intent } = await chargedOrder(100, 100)
      const [payment] = await paymentRefunds(order.id)

      const answer = await api.post(`/admin/payments/${payment.payment_id}/refund`, { amount: 30 }, { headers })
      expect(answer.status).toBe(200)
      const atStripe = await stripeRefunds(intent.id)
      expect(atStripe).toHaveLength(1)
      expect(atStripe[0].amount).toBe(3000)

      // Its refund.created and charge.refunded are delivered and handled; Medusa keeps its one refund.
      await waitForState(
        () => activity(order.id),
        (lines) => lines.some((l) => l.kind === "refund" && l.stripe_object_id === atStripe[0].id),
        "the plugin's own refund shown on the order",
        60_000
      )
      await sleep(WEBHOOK_QUEUE_MS)
      const payments = await paymentRefunds(order.id)
      expect(payments[0].refunds).toHaveLength(1)
      expect(refundedTotal(payments)).toBe(30)
      expect(await stripeRefunds(intent.id)).toHaveLength(1)

      // A refund made in Stripe afterwards is still recorded, once.
      const more = await stripe.refunds.create({ payment_intent: intent.id, amount: 1000 })
      await waitForState(
        () => paymentRefunds(order.id),
        (p) => refundedTotal(p) === 40,
        "the Stripe refund after Medusa's",
        60_000
      )
      expect((await paymentRefunds(order.id))[0].refunds).toHaveLength(2)
      expect((await stripeRefunds(intent.id)).map((r) => r.id)).toEqual(expect.arrayContaining([more.id]))
      expect(await stripeRefunds(intent.id)).toHaveLength(2)
    })

    it("a refund that fails after it was recorded brings its money back once, as a payment on the order", async () => {
      const { order, intent } = await chargedOrder(100, 100, "pm_card_refundFail")
      const refund = await stripe.refunds.create({ payment_intent: intent.id, amount: 2000 })
      await waitForState(
        () => paymentRefunds(order.id),
        (p) => refundedTotal(p) === 20,
        "the refund recorded",
        60_000
      )

      // The card's bank refuses the refund (the test card does so after a while; the sandbox is told to now).
      const settled = await fetch(`${sandbox.current().url}/_sandbox/refunds/${refund.id}/settle`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ status: "failed" }),
      })
      expect(settled.status).toBe(200)
      const lines = await waitForState(
        () => activity(order.id),
        (l) => l.some((line) => line.status === "failed" && line.stripe_object_id === refund.id),
        "the failed refund shown on the order",
        60_000
      )
      expect(lines.find((l) => l.status === "failed" && l.stripe_object_id === refund.id)?.message).toMatch(/back in your Stripe balance/)
      expect((await stripe.refunds.retrieve(refund.id)).status).toBe("failed")

      // Medusa cannot undo a refund: the money back is a captured payment of its own, so captured − refunded = Stripe's.
      const payments = await paymentRefunds(order.id)
      const captured = payments.reduce((sum, p) => sum + p.captured, 0)
      expect(captured).toBe(120)
      expect(refundedTotal(payments)).toBe(20)
      const charge = await stripe.charges.retrieve(String(intent.latest_charge))
      expect(charge.amount - charge.amount_refunded).toBe((captured - refundedTotal(payments)) * 100)

      // Its events again change nothing.
      await redeliver(api.defaults.baseURL!, await stripeEventsAbout(stripe, [refund.id]), 2)
      await sleep(WEBHOOK_QUEUE_MS)
      expect((await paymentRefunds(order.id)).reduce((sum, p) => sum + p.captured, 0)).toBe(120)
      expect(await stripeRefunds(intent.id)).toHaveLength(1)
    })

    it("records refunds whose webhooks never came when reconciliation runs, once, reading only Stripe's new events", async () => {
      await api.post("/admin/stripe-collect/settings", { store_name: "Acme", error_email: "alerts@acme.test" }, { headers })
      const reconcile = async () => (await api.post("/admin/stripe-collect/reconcile", {}, { headers })).data.reconciliation
      await reconcile() // sets the cursor
      const { order, intent } = await chargedOrder(100, 100)
      sandbox.current().setWebhookUrl(null)
      const refund = await stripe.refunds.create({ payment_intent: intent.id, amount: 2500 })
      await stripe.refunds.update(refund.id, { metadata: { note: "after a call" } })
      await sleep(WEBHOOK_QUEUE_MS)
      expect(refundedTotal(await paymentRefunds(order.id))).toBe(0)

      const mark = sandbox.current().markRequests()
      const first = await reconcile()
      expect(first.money_out).toMatchObject({ events: 2, handled: 2, failed: 0 })
      expect(refundedTotal(await paymentRefunds(order.id))).toBe(25)
      expect((await paymentRefunds(order.id))[0].refunds).toHaveLength(1)
      // Only the events since the last check were read: one page.
      expect(sandbox.current().requests({ since: mark, path: "/v1/events" })).toHaveLength(1)

      const second = await reconcile()
      expect(second.money_out).toMatchObject({ events: 0, handled: 0 })
      expect(refundedTotal(await paymentRefunds(order.id))).toBe(25)
      expect(await stripeRefunds(intent.id)).toHaveLength(1)
    })

    it("ignores refunds of payments the plugin did not record", async () => {
      const order = await createUnpaidOrder(getContainer(), { currency: "usd", amount: 100 })
      // A PaymentIntent someone made in Stripe that claims the order in its metadata.
      const foreign = await stripe.paymentIntents.create({
        amount: 5000,
        currency: "usd",
        payment_method: "pm_card_visa",
        confirm: true,
        metadata: { order_id: order.id, stripe_collect: "1" },
        automatic_payment_methods: { enabled: true, allow_redirects: "never" },
      })
      const refund = await stripe.refunds.create({ payment_intent: foreign.id, amount: 1000 })
      await waitForState(
        async () => (await stripeEventsAbout(stripe, [refund.id])).length,
        (n) => n > 0,
        "the refund's events"
      )
      await sleep(WEBHOOK_QUEUE_MS + 2_000)
      expect(await paymentRefunds(order.id)).toEqual([])
      expect((await orderStatus(order.id)).payment_status).toBe("not_paid")
    })
  },
})
