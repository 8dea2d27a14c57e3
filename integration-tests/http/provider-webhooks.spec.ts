import { createOrderPaymentCollectionWorkflow, createPaymentSessionsWorkflow } from "@medusajs/core-flows"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type Stripe from "stripe"
import { stripeCollectMetadata } from "../../src/providers/stripe-collect/metadata"
import { createStripeClient } from "../../src/stripe/client"
import { createAdminHeaders } from "../helpers/admin"
import { SANDBOX_API_KEY, SANDBOX_WEBHOOK_SECRET, useSandbox } from "../helpers/sandbox"
import {
  checkoutThroughStore,
  createOrder,
  createRegionWithProducts,
  STRIPE_COLLECT_PROVIDER_ID,
  type SeededStore,
} from "../helpers/store"

jest.setTimeout(300_000)

const sandbox = useSandbox()
const WEBHOOK_PATH = "/hooks/payment/stripe-collect_default"
// Medusa's webhook route queues the event with a 5 s delay before a subscriber handles it.
const WEBHOOK_DELAY_MS = 5_000

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 40_000): Promise<T> {
  const started = Date.now()
  for (;;) {
    const value = await read()
    if (done(value)) return value
    if (Date.now() - started > timeoutMs) return value
    await sleep(500)
  }
}

type OrderPaymentState = {
  payment_status: string
  payments: Array<{
    id: string
    amount: number
    captured_at: string | null
    data: Record<string, unknown>
    captures: Array<{ id: string; amount: number }>
  }>
  transactions: Array<{ id: string; amount: number; reference: string; reference_id: string }>
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, utils }) => {
    let store: SeededStore
    let admin: { headers: Record<string, string> }
    let stripe: Stripe

    beforeAll(async () => {
      store = await createRegionWithProducts(getContainer(), [{ currency: "usd", country: "us", prices: [19.99, 42.5] }])
      admin = { headers: (await createAdminHeaders(getContainer())).headers }
      stripe = createStripeClient({ apiKey: SANDBOX_API_KEY, apiBase: sandbox.current().stripe, maxNetworkRetries: 0 })
    })

    afterEach(() => {
      sandbox.current().setWebhookUrl(null)
    })

    async function orderState(orderId: string): Promise<OrderPaymentState> {
      const { data } = await api.get(
        `/admin/orders/${orderId}?fields=payment_status,*payment_collections,*payment_collections.payments,*payment_collections.payments.captures`,
        admin
      )
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data: withTransactions } = await query.graph({
        entity: "order",
        fields: ["transactions.id", "transactions.amount", "transactions.reference", "transactions.reference_id"],
        filters: { id: orderId },
      })
      const payments: OrderPaymentState["payments"] = data.order.payment_collections.flatMap(
        (collection: { payments: OrderPaymentState["payments"] }) => collection.payments
      )
      return {
        payment_status: data.order.payment_status,
        payments: payments.map((p) => ({
          id: p.id,
          amount: Number(p.amount),
          captured_at: p.captured_at,
          data: p.data,
          captures: p.captures.map((c) => ({ id: c.id, amount: Number(c.amount) })),
        })),
        transactions: (withTransactions[0].transactions ?? []).map(
          (t: { id: string; amount: number; reference: string; reference_id: string }) => ({
            id: t.id,
            amount: Number(t.amount),
            reference: t.reference,
            reference_id: t.reference_id,
          })
        ),
      }
    }

    // Stripe signs the exact bytes it sends; so do we, with the endpoint's secret.
    async function deliverWebhook(rawBody: string, secret = SANDBOX_WEBHOOK_SECRET) {
      const signature = stripe.webhooks.generateTestHeaderString({ payload: rawBody, secret })
      return api.post(WEBHOOK_PATH, rawBody, {
        headers: { "content-type": "application/json", "stripe-signature": signature },
      })
    }

    async function afterWebhookHandling() {
      await sleep(WEBHOOK_DELAY_MS + 1_000)
      await utils.waitWorkflowExecutions()
    }

    async function authorizedOrder() {
      const checkout = await checkoutThroughStore(api, store, {
        currency: "usd",
        price: 19.99,
        paymentData: { payment_method: "pm_card_visa", capture_method: "manual" },
      })
      if (checkout.completion.type !== "order") throw new Error(JSON.stringify(checkout.completion.error))
      const order = checkout.completion.order
      const state = await orderState(order.id)
      expect(state.payment_status).toBe("authorized")
      return { order, intentId: String(state.payments[0].data.id) }
    }

    async function succeededEventFor(intentId: string): Promise<string> {
      const events = await stripe.events.list({ type: "payment_intent.succeeded", limit: 100 })
      const event = events.data.find((e) => e.type === "payment_intent.succeeded" && e.data.object.id === intentId)
      if (!event) throw new Error(`No payment_intent.succeeded event for ${intentId}`)
      return JSON.stringify(event)
    }

    it("a signed payment_intent.succeeded for an authorized session captures it in Medusa; the same webhook again changes nothing", async () => {
      const { order, intentId } = await authorizedOrder()

      // The merchant captures in Stripe's dashboard; Stripe tells Medusa through the webhook.
      await stripe.paymentIntents.capture(intentId)
      const rawEvent = await succeededEventFor(intentId)
      sandbox.current().clearRequests()

      expect((await deliverWebhook(rawEvent)).status).toBe(200)
      await eventually(
        () => orderState(order.id),
        (state) => state.transactions.some((t) => t.reference === "capture")
      )
      await utils.waitWorkflowExecutions()
      const first = await orderState(order.id)
      expect(first.payment_status).toBe("captured")
      expect(first.payments[0].captures.map((c) => c.amount)).toEqual([19.99])
      expect(first.payments[0].captured_at).not.toBeNull()
      expect(first.transactions.filter((t) => t.reference === "capture").map((t) => t.amount)).toEqual([19.99])
      // Stripe had captured already: Medusa only read the PaymentIntent, it did not capture again.
      expect(sandbox.current().requests().filter((r) => r.method === "POST")).toEqual([])
      expect((await stripe.paymentIntents.retrieve(intentId)).amount_received).toBe(1999)

      expect((await deliverWebhook(rawEvent)).status).toBe(200)
      await afterWebhookHandling()
      const second = await orderState(order.id)
      expect(second).toEqual(first)
      expect(sandbox.current().requests().filter((r) => r.method === "POST")).toEqual([])
    })

    it("a webhook with a bad signature is dropped: the authorized payment stays as it was", async () => {
      const { order, intentId } = await authorizedOrder()
      await stripe.paymentIntents.capture(intentId)
      const rawEvent = await succeededEventFor(intentId)
      const before = await orderState(order.id)

      // Refused at the door (400) or queued and refused by the provider (200): either way, dropped.
      const wrongSecret = await deliverWebhook(rawEvent, "whsec_not_the_endpoint_secret").catch(
        (e: { response: { status: number } }) => e.response
      )
      expect([200, 400]).toContain(wrongSecret.status)
      const tampered = rawEvent.replace('"amount_received":1999', '"amount_received":1')
      expect(tampered).not.toBe(rawEvent)
      const signature = stripe.webhooks.generateTestHeaderString({ payload: rawEvent, secret: SANDBOX_WEBHOOK_SECRET })
      const altered = await api
        .post(WEBHOOK_PATH, tampered, { headers: { "content-type": "application/json", "stripe-signature": signature } })
        .catch((e: { response: { status: number } }) => e.response)
      expect([200, 400]).toContain(altered.status)
      await afterWebhookHandling()

      expect(await orderState(order.id)).toEqual(before)
    })

    it("a deferred session (payment link) waits without calling Stripe, then is paid on Checkout and recorded from Stripe's own webhook", async () => {
      const container = getContainer()
      const order = await createOrder(container, { currency: "usd", total: 42.5, store })
      const { result: collection } = await createOrderPaymentCollectionWorkflow(container).run({
        input: { order_id: order.id, amount: 42.5 },
      })
      const collectionId = collection[0].id

      sandbox.current().clearRequests()
      const { result: session } = await createPaymentSessionsWorkflow(container).run({
        input: { payment_collection_id: collectionId, provider_id: STRIPE_COLLECT_PROVIDER_ID, data: { deferred: true } },
      })
      expect(session.status).toBe("pending_authorization")
      expect(sandbox.current().requests()).toEqual([])

      const payment = container.resolve(Modules.PAYMENT)
      const checkoutSession = await stripe.checkout.sessions.create({
        mode: "payment",
        line_items: [{ price_data: { currency: "usd", unit_amount: 4250, product_data: { name: `Order #${order.display_id}` } }, quantity: 1 }],
        success_url: "http://localhost/paid?session={CHECKOUT_SESSION_ID}",
        customer_email: order.email,
        metadata: stripeCollectMetadata(session.id, { order_id: order.id }),
      })
      await payment.updatePaymentSession({
        id: session.id,
        data: { ...session.data, checkout_session_id: checkoutSession.id },
        amount: 42.5,
        currency_code: "usd",
      })

      // Not paid yet: authorizing reads the Checkout Session back and keeps waiting.
      expect(await payment.authorizePaymentSession(session.id, {})).toBeNull()

      sandbox.current().setWebhookUrl(`${api.defaults.baseURL}${WEBHOOK_PATH}`)
      const paid = await fetch(`${sandbox.current().url}/checkout/${checkoutSession.id}`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          card_number: "4242424242424242",
          card_expiry: "12 / 34",
          card_cvc: "123",
          billing_name: "Grace Hopper",
        }).toString(),
      })
      expect([200, 302, 303]).toContain(paid.status)
      await sandbox.current().webhooksSettled()

      await eventually(
        () => orderState(order.id),
        (s) => s.transactions.some((t) => t.reference === "capture")
      )
      await utils.waitWorkflowExecutions()
      const state = await orderState(order.id)
      expect(state.payments).toHaveLength(1)
      expect(state.transactions.filter((t) => t.reference === "capture").map((t) => t.amount)).toEqual([42.5])
      expect(state.payments[0].captures.map((c) => c.amount)).toEqual([42.5])
      expect(state.payment_status).toBe("captured")
      const intentId = String(state.payments[0].data.id)
      const intent = await stripe.paymentIntents.retrieve(intentId)
      expect(intent).toMatchObject({ amount: 4250, amount_received: 4250, currency: "usd", status: "succeeded" })
      expect(state.payments[0].data).toMatchObject({ checkout_session_id: checkoutSession.id, deferred: true })
    })

    it("a deferred session refuses a Checkout Session made for another session, however it got there", async () => {
      const container = getContainer()
      const order = await createOrder(container, { currency: "usd", total: 19.99, store })
      const { result: collection } = await createOrderPaymentCollectionWorkflow(container).run({
        input: { order_id: order.id, amount: 19.99 },
      })
      const { result: session } = await createPaymentSessionsWorkflow(container).run({
        input: { payment_collection_id: collection[0].id, provider_id: STRIPE_COLLECT_PROVIDER_ID, data: { deferred: true } },
      })
      const foreign = await stripe.checkout.sessions.create({
        mode: "payment",
        line_items: [{ price_data: { currency: "usd", unit_amount: 1999, product_data: { name: "Someone else's order" } }, quantity: 1 }],
        success_url: "http://localhost/paid",
        metadata: stripeCollectMetadata("payses_someone_else"),
      })
      const payment = container.resolve(Modules.PAYMENT)
      await payment.updatePaymentSession({
        id: session.id,
        data: { ...session.data, checkout_session_id: foreign.id },
        amount: 19.99,
        currency_code: "usd",
      })
      await expect(payment.authorizePaymentSession(session.id, {})).rejects.toThrow(
        `Checkout Session ${foreign.id} was not made for payment session ${session.id}`
      )
    })
  },
})
