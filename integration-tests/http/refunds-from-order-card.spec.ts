import Stripe from "stripe"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createAdminHeaders } from "../helpers/admin"
import { payOnSandboxCheckout, pressPay } from "../helpers/checkout"
import { createUnpaidOrder } from "../helpers/orders"
import { SANDBOX_API_KEY, useSandbox } from "../helpers/sandbox"
import { redeliver, stripeEventsAbout, waitForState, WEBHOOK_QUEUE_MS } from "../helpers/trust-boundary"

jest.setTimeout(300_000)

const sandbox = useSandbox()
const WEBHOOK_PATH = "/hooks/payment/stripe-collect_default"
// Deliveries to a closed port fail: Stripe's webhook never reaches Medusa.
const NOWHERE = "http://127.0.0.1:9/hooks/payment/stripe-collect_default"
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const SEPA_SUCCEEDS = "DE89370400440532013000"

/** Pays a sandbox Checkout by SEPA Direct Debit, as a customer would: Checkout completes, the bank answers later. */
async function payBySepa(checkoutUrl: string): Promise<void> {
  const submitted = await fetch(checkoutUrl, {
    method: "POST",
    body: new URLSearchParams({ method: "sepa_debit", iban: SEPA_SUCCEEDS, account_holder_name: "Jenny Rosen" }),
    redirect: "manual",
  })
  if (submitted.status !== 303) throw new Error(`SEPA payment answered ${submitted.status}`)
  await fetch(new URL(submitted.headers.get("location")!, checkoutUrl))
}

type Answer = { status: number; data: Record<string, any> }
type CardPayment = {
  id: string
  payment_intent_id: string
  source: string
  captured: number
  refunded: number
  refund_pending: number
  refundable: number
  method: string | null
  disputed: boolean
}
type ActivityLine = { kind: string; status: string; amount: number | null; stripe_object_id: string | null; message: string | null }
type MedusaRefund = { id: string; amount: number; note: string | null; refund_reason_id: string | null; created_by: string | null }

/**
 * The order card's Refund: one Stripe payment of the order refunded in full or in part through Medusa's own
 * refund workflow, with Stripe's idempotency key; more than is refundable, a refund Stripe refuses, and a lost
 * answer each get a clear outcome, and the lost one is recorded later exactly once.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: Record<string, string>
    let stripe: Stripe

    const post = (path: string, body: unknown, extra: Record<string, string> = {}): Promise<Answer> =>
      api.post(path, body, { headers: { ...headers, ...extra } }).catch((e: { response: Answer }) => e.response)
    const refund = (orderId: string, body: Record<string, unknown>, key?: string) =>
      post(`/admin/stripe-collect/orders/${orderId}/refunds`, body, key ? { "idempotency-key": key } : {})

    beforeEach(async () => {
      ;({ headers } = await createAdminHeaders(getContainer()))
      const s = sandbox.current()
      stripe = new Stripe(SANDBOX_API_KEY, { ...s.stripe, maxNetworkRetries: 0 })
      s.clearFaults()
      s.setWebhookUrl(`${api.defaults.baseURL}${WEBHOOK_PATH}`)
      await post("/admin/stripe-collect/settings", { store_name: "Acme", error_email: "alerts@acme.test" })
    })

    afterEach(() => {
      sandbox.current().clearFaults()
      sandbox.current().setWebhookUrl(null)
    })

    async function chargedOrder(amount: number, charge: number, card = "pm_card_visa") {
      const order = await createUnpaidOrder(getContainer(), { currency: "usd", amount })
      const answer = await post(`/admin/stripe-collect/orders/${order.id}/charges`, { amount: charge, payment_method: card })
      expect(answer.status).toBe(201)
      const intent = (await stripe.paymentIntents.list({ limit: 100 })).data.find((pi) => pi.metadata.order_id === order.id)
      if (!intent) throw new Error("no PaymentIntent for the charge")
      return { order, intent }
    }

    const card = async (orderId: string) =>
      (
        await api.get(`/admin/stripe-collect/orders/${orderId}`, { headers }).catch((e: { response?: Answer }) => {
          throw new Error(`The order's Stripe card answered ${e.response?.status}: ${JSON.stringify(e.response?.data)}`)
        })
      ).data
    const payments = async (orderId: string) => (await card(orderId)).payments as CardPayment[]
    const refundLines = async (orderId: string) => ((await card(orderId)).activity as ActivityLine[]).filter((l) => l.kind === "refund")
    const stripeRefunds = async (intentId: string) => (await stripe.refunds.list({ payment_intent: intentId, limit: 100 })).data
    const paymentStatus = async (orderId: string) =>
      (await api.get(`/admin/orders/${orderId}?fields=+payment_status,+summary`, { headers })).data.order.payment_status as string

    async function medusaRefunds(orderId: string): Promise<MedusaRefund[]> {
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({
        entity: "order",
        fields: [
          "payment_collections.payments.refunds.id",
          "payment_collections.payments.refunds.amount",
          "payment_collections.payments.refunds.note",
          "payment_collections.payments.refunds.refund_reason_id",
          "payment_collections.payments.refunds.created_by",
        ],
        filters: { id: orderId },
      })
      type P = { refunds?: MedusaRefund[] }
      return ((data[0]?.payment_collections ?? []) as Array<{ payments?: P[] }>)
        .flatMap((c) => c.payments ?? [])
        .flatMap((p) => p.refunds ?? [])
        .map((r) => ({ ...r, amount: Number(r.amount) }))
    }

    const eventsSeen = async () =>
      (await api.get("/admin/stripe-collect/settings", { headers })).data.settings.webhook.events_seen as Array<{
        type: string
        last_received_at: string | null
        count: number
      }>

    async function refundReason(label: string): Promise<string> {
      const answer = await post("/admin/refund-reasons", { label, code: label.toLowerCase().replace(/\W+/g, "_") })
      expect(answer.status).toBe(200)
      return answer.data.refund_reason.id
    }

    it("refunds part of a charge, then the rest: one Stripe refund each, Medusa's refunds with reason and note, partially_refunded then refunded", async () => {
      const { order, intent } = await chargedOrder(100, 100)
      const [payment] = await payments(order.id)
      expect(payment).toMatchObject({ payment_intent_id: intent.id, source: "card_charge", captured: 100, refunded: 0, refundable: 100 })
      expect(payment.method).toBe("Visa •••• 4242")
      const reason = await refundReason("Damaged item")

      const partial = await refund(
        order.id,
        { payment_id: payment.id, amount: 30, refund_reason_id: reason, note: "Scratched top" },
        "refund-a"
      )
      expect(partial.status).toBe(201)
      expect(partial.data.refund).toMatchObject({ status: "refunded", amount: 30, currency_code: "usd", payment_id: payment.id })
      expect(partial.data.order).toMatchObject({ payment_status: "partially_refunded", paid_total: 100, refunded_total: 30 })
      const [first] = await stripeRefunds(intent.id)
      expect(first).toMatchObject({ amount: 3000, status: "succeeded" })
      expect(first.metadata.stripe_collect_refund_request).toBe(partial.data.refund.id)
      expect(partial.data.refund.stripe_refund_id).toBe(first.id)
      expect(await medusaRefunds(order.id)).toEqual([
        expect.objectContaining({ amount: 30, note: "Scratched top", refund_reason_id: reason, created_by: expect.any(String) }),
      ])
      expect(await paymentStatus(order.id)).toBe("partially_refunded")
      expect((await payments(order.id))[0]).toMatchObject({ refunded: 30, refundable: 70, refund_pending: 0 })
      expect(await refundLines(order.id)).toEqual([
        expect.objectContaining({
          status: "succeeded",
          amount: 30,
          stripe_object_id: first.id,
          message: expect.stringMatching(/Damaged item/),
        }),
      ])

      // The rest, without a reason: the order is refunded.
      const rest = await refund(order.id, { payment_id: payment.id, amount: 70 }, "refund-b")
      expect(rest.status).toBe(201)
      expect(rest.data.order.payment_status).toBe("refunded")
      expect(await paymentStatus(order.id)).toBe("refunded")
      expect((await payments(order.id))[0]).toMatchObject({ refunded: 100, refundable: 0 })

      // The same request again answers what it answered, without a new refund.
      const again = await refund(order.id, { payment_id: payment.id, amount: 70 }, "refund-b")
      expect(again.status).toBe(200)
      expect(again.data).toMatchObject({ replayed: true, refund: { id: rest.data.refund.id, status: "refunded" } })

      // Their own refund.created events come back: nothing more is recorded.
      await sleep(WEBHOOK_QUEUE_MS)
      expect(await stripeRefunds(intent.id)).toHaveLength(2)
      expect((await medusaRefunds(order.id)).map((r) => r.amount).sort()).toEqual([30, 70])
      expect(await refundLines(order.id)).toHaveLength(2)

      // Settings → Stripe's webhook health shows the refund events arriving.
      const seen = await eventsSeen()
      expect(seen.find((e) => e.type === "refund.created")).toMatchObject({ last_received_at: expect.any(String) })
      expect(seen.map((e) => e.type)).toEqual(expect.arrayContaining(["refund.updated", "refund.failed", "charge.dispute.created"]))
    })

    it("refuses more than is refundable with a 400 naming the refundable amount, and Stripe is not asked", async () => {
      const { order, intent } = await chargedOrder(100, 50)
      const [payment] = await payments(order.id)
      const mark = sandbox.current().markRequests()

      const tooMuch = await refund(order.id, { payment_id: payment.id, amount: 60 })
      expect(tooMuch.status).toBe(400)
      expect(tooMuch.data.message).toMatch(/at most 50 USD/)
      const unknown = await refund(order.id, { payment_id: "pay_01NOTAPAYMENT", amount: 5 })
      expect(unknown.status).toBe(404)
      expect(unknown.data.message).toMatch(/payment_id/)
      const badBody = await refund(order.id, { payment_id: payment.id, amount: -5 })
      expect(badBody.status).toBe(400)
      expect(badBody.data.message).toMatch(/amount/)
      const badReason = await refund(order.id, { payment_id: payment.id, amount: 5, refund_reason_id: "refr_01UNKNOWN" })
      expect(badReason.status).toBe(400)
      expect(badReason.data.message).toMatch(/refund_reason_id/)

      expect(sandbox.current().requests({ since: mark, method: "POST", path: "/v1/refunds" })).toHaveLength(0)
      expect(await stripeRefunds(intent.id)).toHaveLength(0)
      expect(await medusaRefunds(order.id)).toEqual([])
      expect(await paymentStatus(order.id)).toBe("partially_captured")
    })

    it("a refund Stripe refuses (a disputed charge) answers with Stripe's reason and records nothing", async () => {
      const { order, intent } = await chargedOrder(100, 100, "pm_card_createDispute")
      await waitForState(
        async () => (await payments(order.id))[0]?.disputed,
        (disputed) => disputed === true,
        "the dispute on the order",
        60_000
      )
      const [payment] = await payments(order.id)

      const refused = await refund(order.id, { payment_id: payment.id, amount: 20 }, "refund-disputed")
      expect(refused.status).toBe(400)
      expect(refused.data).toMatchObject({ code: "charge_disputed" })
      expect(refused.data.message).toMatch(/does not refund a disputed payment/)
      // Retrying the refused request gets the same answer without asking Stripe again.
      const mark = sandbox.current().markRequests()
      const retried = await refund(order.id, { payment_id: payment.id, amount: 20 }, "refund-disputed")
      expect(retried.status).toBe(400)
      expect(retried.data.code).toBe("charge_disputed")
      expect(sandbox.current().requests({ since: mark, method: "POST", path: "/v1/refunds" })).toHaveLength(0)

      expect(await stripeRefunds(intent.id)).toHaveLength(0)
      expect(await medusaRefunds(order.id)).toEqual([])
      expect(await paymentStatus(order.id)).toBe("captured")
      expect(await refundLines(order.id)).toEqual([expect.objectContaining({ status: "failed", amount: 20 })])
      expect((await eventsSeen()).find((e) => e.type === "charge.dispute.created")).toMatchObject({
        last_received_at: expect.any(String),
        count: expect.any(Number),
      })
    })

    it("a lost answer is 'being checked' (202), the refund's webhook records it once, and the retry with the same key replays it", async () => {
      const s = sandbox.current()
      const { order, intent } = await chargedOrder(100, 100)
      const [payment] = await payments(order.id)
      s.setWebhookUrl(NOWHERE)
      s.addFault({ method: "POST", path: "/v1/refunds", times: "always", timeoutAfterProcessing: true })

      const lost = await refund(order.id, { payment_id: payment.id, amount: 40 }, "refund-lost")
      expect(lost.status).toBe(202)
      expect(lost.data.refund).toMatchObject({ status: "checking", amount: 40 })
      expect(lost.data.refund.message).toMatch(/being checked/)
      // Stripe made it; Medusa has not recorded it, and holds it from the refundable rest meanwhile.
      const atStripe = await stripeRefunds(intent.id)
      expect(atStripe).toHaveLength(1)
      expect(await medusaRefunds(order.id)).toEqual([])
      expect((await payments(order.id))[0]).toMatchObject({ refunded: 0, refund_pending: 40, refundable: 60 })
      expect(await refundLines(order.id)).toEqual([expect.objectContaining({ status: "pending", amount: 40 })])
      // Another refund of the held money is refused before Stripe is asked.
      expect((await refund(order.id, { payment_id: payment.id, amount: 61 })).status).toBe(400)

      // Stripe's webhook arrives (twice, with the refund's other events): recorded once.
      s.clearFaults()
      const events = await stripeEventsAbout(stripe, [atStripe[0].id])
      await redeliver(api.defaults.baseURL!, events, 2)
      await waitForState(
        () => medusaRefunds(order.id),
        (r) => r.length > 0,
        "the lost refund recorded",
        60_000
      )
      await sleep(WEBHOOK_QUEUE_MS)
      expect((await medusaRefunds(order.id)).map((r) => r.amount)).toEqual([40])
      expect(await refundLines(order.id)).toEqual([
        expect.objectContaining({ status: "succeeded", amount: 40, stripe_object_id: atStripe[0].id }),
      ])
      expect((await payments(order.id))[0]).toMatchObject({ refunded: 40, refund_pending: 0, refundable: 60 })

      // The admin retries the same request: it answers the recorded refund; no second refund anywhere.
      const retry = await refund(order.id, { payment_id: payment.id, amount: 40 }, "refund-lost")
      expect(retry.status).toBe(200)
      expect(retry.data.refund).toMatchObject({ status: "refunded", stripe_refund_id: atStripe[0].id })
      expect(await stripeRefunds(intent.id)).toHaveLength(1)
      expect(await medusaRefunds(order.id)).toHaveLength(1)
      expect(await paymentStatus(order.id)).toBe("partially_refunded")
    })

    it("a lost answer retried with the same key before any webhook: Stripe replays the refund and it is recorded once", async () => {
      const s = sandbox.current()
      const { order, intent } = await chargedOrder(100, 100)
      const [payment] = await payments(order.id)
      s.setWebhookUrl(NOWHERE)
      s.addFault({ method: "POST", path: "/v1/refunds", times: "always", timeoutAfterProcessing: true })
      expect((await refund(order.id, { payment_id: payment.id, amount: 25 }, "refund-retry")).status).toBe(202)
      s.clearFaults()

      const retry = await refund(order.id, { payment_id: payment.id, amount: 25 }, "refund-retry")
      expect(retry.status).toBe(200)
      expect(retry.data).toMatchObject({ replayed: true, refund: { status: "refunded", amount: 25 } })
      expect(await stripeRefunds(intent.id)).toHaveLength(1)
      expect((await medusaRefunds(order.id)).map((r) => r.amount)).toEqual([25])
      expect(await refundLines(order.id)).toEqual([expect.objectContaining({ status: "succeeded", amount: 25 })])

      // Reconciliation reads the refund's events later: still one refund.
      const reconciled = await post("/admin/stripe-collect/reconcile", { hours: 1 })
      expect(reconciled.status).toBe(200)
      expect(await stripeRefunds(intent.id)).toHaveLength(1)
      expect(await medusaRefunds(order.id)).toHaveLength(1)
    })

    it("Medusa's own Refund button on a plugin payment refunds at Stripe once and shows in the card", async () => {
      const { order, intent } = await chargedOrder(100, 100)
      const [payment] = await payments(order.id)
      const answer = await post(`/admin/payments/${payment.id}/refund`, { amount: 15 })
      expect(answer.status).toBe(200)
      const [atStripe] = await stripeRefunds(intent.id)
      expect(atStripe.amount).toBe(1500)
      await waitForState(
        () => refundLines(order.id),
        (lines) => lines.some((l) => l.stripe_object_id === atStripe.id && l.status === "succeeded"),
        "Medusa's refund in the card's activity",
        60_000
      )
      expect((await payments(order.id))[0]).toMatchObject({ refunded: 15, refundable: 85 })
      expect(await medusaRefunds(order.id)).toHaveLength(1)
      expect(await stripeRefunds(intent.id)).toHaveLength(1)
    })

    describe("money that arrives for a canceled order", () => {
      const alerts = (since: number) =>
        sandbox
          .current()
          .emails()
          .slice(since)
          .filter((e) => e.to.includes("alerts@acme.test") && e.subject.includes("canceled order"))
      const cancelOrder = (orderId: string) => post(`/admin/orders/${orderId}/cancel`, {})
      const createLink = async (orderId: string, amount: number) => {
        const created = await post(`/admin/stripe-collect/orders/${orderId}/payment-links`, { amount })
        expect(created.status).toBe(201)
        return created.data.payment_link as { id: string; url: string }
      }
      const intentOfLink = async (linkId: string) => {
        const [session] = (await stripe.checkout.sessions.list({ limit: 100 })).data.filter((cs) => cs.metadata?.payment_link_id === linkId)
        return String(session.payment_intent)
      }

      it("a Checkout paid moments before the cancel is refunded automatically, once, and the merchant is emailed", async () => {
        const s = sandbox.current()
        s.setWebhookUrl(NOWHERE)
        const order = await createUnpaidOrder(getContainer(), { amount: 100, email: "canceled-paid@example.test" })
        const link = await createLink(order.id, 30)
        // Paid at Stripe; neither the return nor a webhook reached us before the merchant canceled.
        await payOnSandboxCheckout(await pressPay(link.url), "4242424242424242", { followReturn: false })
        const intentId = await intentOfLink(link.id)
        const emailsBefore = s.emails().length

        expect((await cancelOrder(order.id)).status).toBe(200)
        // Canceling settles the link: its money is recorded, then refunded.
        const lines = await waitForState(
          () => refundLines(order.id),
          (l) => l.some((line) => line.status === "succeeded"),
          "the automatic refund on the order",
          60_000
        )
        const refunds = await stripeRefunds(intentId)
        expect(refunds).toHaveLength(1)
        expect(refunds[0]).toMatchObject({ amount: 3000, status: "succeeded" })
        expect(lines).toEqual([
          expect.objectContaining({
            status: "succeeded",
            amount: 30,
            stripe_object_id: refunds[0].id,
            message: expect.stringMatching(/canceled/),
          }),
        ])
        expect((await medusaRefunds(order.id)).map((r) => r.amount)).toEqual([30])
        await waitForState(
          async () => alerts(emailsBefore).length,
          (n) => n > 0,
          "the merchant's email",
          20_000
        )
        const told = alerts(emailsBefore)
        expect(told).toHaveLength(1)
        expect(told[0].text ?? "").toContain("refunded to the customer automatically")
        expect(told[0].text ?? "").toContain(link.id)

        // Stripe's events come after all, twice, and reconciliation runs: nothing more is refunded or recorded.
        s.setWebhookUrl(`${api.defaults.baseURL}${WEBHOOK_PATH}`)
        await redeliver(api.defaults.baseURL!, await stripeEventsAbout(stripe, [intentId, refunds[0].id]), 2)
        await sleep(WEBHOOK_QUEUE_MS)
        expect((await post("/admin/stripe-collect/reconcile", { hours: 1 })).status).toBe(200)
        expect(await stripeRefunds(intentId)).toHaveLength(1)
        expect(await medusaRefunds(order.id)).toHaveLength(1)
        expect(alerts(emailsBefore)).toHaveLength(1)
      })

      it("a bank debit that succeeds after the order was canceled is refunded automatically, once", async () => {
        const s = sandbox.current()
        expect((await post("/admin/stripe-collect/settings/payment-methods", { link_payment_methods: "all" })).status).toBe(200)
        const order = await createUnpaidOrder(getContainer(), { currency: "eur", amount: 100, email: "canceled-sepa@example.test" })
        const link = await createLink(order.id, 60)
        await payBySepa(await pressPay(link.url))
        await s.webhooksSettled()
        const intentId = await intentOfLink(link.id)
        expect((await cancelOrder(order.id)).status).toBe(200)
        const emailsBefore = s.emails().length

        // The bank pays days later: recorded on the canceled order, then refunded.
        s.settlePayment(intentId)
        await waitForState(
          () => refundLines(order.id),
          (l) => l.some((line) => line.status === "succeeded"),
          "the automatic refund of the bank debit",
          60_000
        )
        await s.webhooksSettled()
        await sleep(WEBHOOK_QUEUE_MS)
        const refunds = await stripeRefunds(intentId)
        expect(refunds.map((r) => r.amount)).toEqual([6000])
        expect((await medusaRefunds(order.id)).map((r) => r.amount)).toEqual([60])
        expect((await payments(order.id))[0]).toMatchObject({ captured: 60, refunded: 60, refundable: 0 })
        expect(alerts(emailsBefore).map((e) => e.text ?? "")).toEqual([expect.stringContaining("refunded to the customer automatically")])
        await post("/admin/stripe-collect/settings/payment-methods", { link_payment_methods: "cards" })
      })
    })
  },
})
