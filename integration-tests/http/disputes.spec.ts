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

type Dispute = { id: string; status: string; reason: string; amount: number; open: boolean; stripe_dashboard_url: string | null }

/**
 * Disputes (chargebacks and inquiries) on payments the plugin recorded: shown on the order with a link to
 * Stripe, the merchant emailed when one opens, a lost dispute recorded as a refund, a win after a loss as
 * money back, a win otherwise as nothing; and an order whose payment is disputed is not canceled blindly.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: Record<string, string>
    let stripe: Stripe

    beforeEach(async () => {
      ;({ headers } = await createAdminHeaders(getContainer()))
      stripe = new Stripe(SANDBOX_API_KEY, { ...sandbox.current().stripe, maxNetworkRetries: 0 })
      await api.post("/admin/stripe-collect/settings", { store_name: "Acme", error_email: "alerts@acme.test" }, { headers })
      sandbox.current().setWebhookUrl(`${api.defaults.baseURL}${WEBHOOK_PATH}`)
    })

    afterEach(() => sandbox.current().setWebhookUrl(null))

    async function chargedOrder(card: string, amount = 100) {
      const order = await createUnpaidOrder(getContainer(), { currency: "usd", amount })
      const answer = await api.post(`/admin/stripe-collect/orders/${order.id}/charges`, { amount, payment_method: card }, { headers })
      expect(answer.status).toBe(201)
      const intent = (await stripe.paymentIntents.list({ limit: 100 })).data.find((pi) => pi.metadata.order_id === order.id)!
      return { order, intent }
    }

    const card = async (orderId: string) => (await api.get(`/admin/stripe-collect/orders/${orderId}`, { headers })).data

    const disputeOn = (orderId: string, done: (d: Dispute | undefined) => boolean, what: string) =>
      waitForState(async () => ((await card(orderId)).disputes as Dispute[])[0], done, what, 60_000)

    async function money(orderId: string) {
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({
        entity: "order",
        fields: [
          "payment_collections.payments.captures.amount",
          "payment_collections.payments.refunds.amount",
          "payment_collections.payments.refunds.refund_reason.label",
        ],
        filters: { id: orderId },
      })
      type P = { captures?: Array<{ amount: number }>; refunds?: Array<{ amount: number; refund_reason?: { label: string } | null }> }
      const payments = ((data[0]?.payment_collections ?? []) as Array<{ payments?: P[] }>).flatMap((c) => c.payments ?? [])
      const sum = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) * 100) / 100
      return {
        captured: sum(payments.flatMap((p) => (p.captures ?? []).map((c) => Number(c.amount)))),
        refunded: sum(payments.flatMap((p) => (p.refunds ?? []).map((r) => Number(r.amount)))),
        reasons: payments.flatMap((p) => (p.refunds ?? []).map((r) => r.refund_reason?.label ?? null)),
      }
    }

    const control = async (path: string, body: Record<string, unknown>) => {
      const answer = await fetch(`${sandbox.current().url}/_sandbox${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      })
      expect(answer.status).toBe(200)
      return answer.json()
    }

    const disputeEmails = () =>
      sandbox
        .current()
        .emails()
        .filter((e) => /disputed/i.test(e.subject))

    it("a chargeback shows on the order, emails the merchant once, blocks cancel with a clear message; lost is a refund, won on appeal brings it back", async () => {
      const { order, intent } = await chargedOrder("pm_card_createDispute")
      const opened = await disputeOn(order.id, (d) => d?.status === "needs_response", "the dispute on the order")
      expect(opened).toMatchObject({ reason: "fraudulent", amount: 100, open: true })
      expect(opened!.stripe_dashboard_url).toBe(`https://dashboard.stripe.com/test/disputes/${opened!.id}`)
      const lines = (await card(order.id)).activity as Array<{ kind: string; status: string; message: string }>
      expect(lines).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ kind: "dispute", status: "needs_response", message: expect.stringMatching(/evidence due/) }),
        ])
      )
      // Opening it withdrew the money at Stripe, but the bank has not decided: Medusa's books do not move yet.
      expect(await money(order.id)).toMatchObject({ captured: 100, refunded: 0 })

      await waitForState(
        async () => disputeEmails().length,
        (n) => n > 0,
        "the dispute email"
      )
      const [email] = disputeEmails()
      expect(email.to).toEqual(["alerts@acme.test"])
      expect(email.text).toContain(opened!.id)

      // Every event again, twice: one dispute, one email.
      await redeliver(api.defaults.baseURL!, await stripeEventsAbout(stripe, [opened!.id]), 2)
      await sleep(WEBHOOK_QUEUE_MS)
      expect(((await card(order.id)).disputes as Dispute[]).length).toBe(1)
      expect(disputeEmails()).toHaveLength(1)

      const cancel = await api.post(`/admin/orders/${order.id}/cancel`, {}, { headers }).catch((e) => e.response)
      expect(cancel.status).toBe(409)
      expect(cancel.data.message).toMatch(/disputed .*Stripe does not refund a disputed charge/)
      expect((await api.get(`/admin/orders/${order.id}`, { headers })).data.order.status).not.toBe("canceled")

      await control(`/disputes/${opened!.id}/status`, { status: "under_review" })
      await control(`/disputes/${opened!.id}/status`, { status: "lost" })
      await waitForState(
        () => money(order.id),
        (m) => m.refunded === 100,
        "the lost dispute recorded as a refund",
        60_000
      )
      expect(await money(order.id)).toMatchObject({ captured: 100, refunded: 100, reasons: ["Dispute lost"] })
      expect((await api.get(`/admin/orders/${order.id}?fields=+payment_status`, { headers })).data.order.payment_status).toBe("refunded")
      // Recording it asked Stripe for no refund.
      expect((await stripe.refunds.list({ payment_intent: intent.id })).data).toHaveLength(0)

      // An appeal wins: the money is back at Stripe, and recorded as paid again.
      await control(`/disputes/${opened!.id}/status`, { status: "won" })
      await waitForState(
        () => money(order.id),
        (m) => m.captured === 200,
        "the reinstated money recorded",
        60_000
      )
      await sleep(WEBHOOK_QUEUE_MS)
      expect(await money(order.id)).toMatchObject({ captured: 200, refunded: 100 })
      expect(((await card(order.id)).disputes as Dispute[])[0]).toMatchObject({ status: "won", open: false })
    })

    it("an inquiry that closes, and a chargeback won outright, change no money", async () => {
      const inquiry = await chargedOrder("pm_card_createDisputeInquiry")
      const asked = await disputeOn(inquiry.order.id, (d) => d?.status === "warning_needs_response", "the inquiry")
      await control(`/disputes/${asked!.id}/status`, { status: "warning_closed" })
      await disputeOn(inquiry.order.id, (d) => d?.status === "warning_closed", "the inquiry closed")

      const chargeback = await chargedOrder("pm_card_createDispute")
      const opened = await disputeOn(chargeback.order.id, (d) => d?.status === "needs_response", "the chargeback")
      await control(`/disputes/${opened!.id}/status`, { status: "won" })
      await disputeOn(chargeback.order.id, (d) => d?.status === "won", "the chargeback won")
      await sleep(WEBHOOK_QUEUE_MS)

      expect(await money(inquiry.order.id)).toMatchObject({ captured: 100, refunded: 0 })
      expect(await money(chargeback.order.id)).toMatchObject({ captured: 100, refunded: 0 })
      // Decided: canceling is Medusa's business again.
      const cancel = await api.post(`/admin/orders/${chargeback.order.id}/cancel`, {}, { headers }).catch((e) => e.response)
      expect(cancel.status).not.toBe(409)
    })
  },
})
