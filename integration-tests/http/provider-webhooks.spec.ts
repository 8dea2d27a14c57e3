import { createOrderPaymentCollectionWorkflow, createPaymentSessionsWorkflow } from "@medusajs/core-flows"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { HttpTypes } from "@medusajs/framework/types"
import type Stripe from "stripe"
import { stripeCollectMetadata } from "../../src/providers/stripe-collect/metadata"
import { createStripeClient } from "../../src/stripe/client"
import { createAdminHeaders } from "../helpers/admin"
import { payOnSandboxCheckout, pressPay } from "../helpers/checkout"
import { SANDBOX_API_KEY, SANDBOX_WEBHOOK_SECRET, useSandbox } from "../helpers/sandbox"
import { createOrder, createRegionWithProducts, STRIPE_COLLECT_PROVIDER_ID, type SeededStore } from "../helpers/store"

jest.setTimeout(300_000)

const sandbox = useSandbox()
const WEBHOOK_PATH = "/hooks/payment/stripe-collect_default"
// The webhook entry queues a verified event with a 5 s delay before its handler runs (as Medusa's own route did).
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

    /**
     * A storefront cart up to its payment session, over Medusa's store API; the session is made by the
     * storefront's backend (a workflow with a trusted `context`), as a shop that ships before it captures
     * would: a caller's `data` cannot choose the capture method.
     */
    async function storefrontCart(options: { data?: Record<string, unknown>; context?: Record<string, unknown> } = {}) {
      const region = store.regions.usd
      const headers = store.storeHeaders
      const address = {
        first_name: "Grace",
        last_name: "Hopper",
        address_1: "1 Main Street",
        city: "Springfield",
        postal_code: "12345",
        country_code: region.country_code,
      }
      const { data: created } = await api.post<HttpTypes.StoreCartResponse>(
        "/store/carts",
        {
          region_id: region.id,
          sales_channel_id: store.sales_channel_id,
          email: "grace@example.com",
          shipping_address: address,
          billing_address: address,
        },
        { headers }
      )
      const cartId = created.cart.id
      const variant = region.variants.find((v) => v.price === 19.99)!
      await api.post(`/store/carts/${cartId}/line-items`, { variant_id: variant.id, quantity: 1 }, { headers })
      await api.post(`/store/carts/${cartId}/shipping-methods`, { option_id: region.shipping_option_id }, { headers })
      const { data: collection } = await api.post<HttpTypes.StorePaymentCollectionResponse>(
        "/store/payment-collections",
        { cart_id: cartId },
        { headers }
      )
      const { result: session } = await createPaymentSessionsWorkflow(getContainer()).run({
        input: {
          payment_collection_id: collection.payment_collection.id,
          provider_id: STRIPE_COLLECT_PROVIDER_ID,
          data: options.data ?? {},
          context: options.context ?? {},
        },
      })
      return { cartId, session }
    }

    async function completeCart(cartId: string) {
      const { data } = await api.post<HttpTypes.StoreCompleteCartResponse>(
        `/store/carts/${cartId}/complete`,
        {},
        { headers: store.storeHeaders }
      )
      return data
    }

    async function authorizedOrder() {
      const { cartId } = await storefrontCart({ data: { payment_method: "pm_card_visa" }, context: { capture_method: "manual" } })
      const completion = await completeCart(cartId)
      if (completion.type !== "order") throw new Error(JSON.stringify(completion.error))
      const order = completion.order
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

    it("a signed payment_intent.succeeded for an authorized storefront session captures it in Medusa; the same webhook again changes nothing", async () => {
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
      expect(
        sandbox
          .current()
          .requests()
          .filter((r) => r.method === "POST")
      ).toEqual([])
      expect((await stripe.paymentIntents.retrieve(intentId)).amount_received).toBe(1999)

      expect((await deliverWebhook(rawEvent)).status).toBe(200)
      await afterWebhookHandling()
      const second = await orderState(order.id)
      expect(second).toEqual(first)
      expect(
        sandbox
          .current()
          .requests()
          .filter((r) => r.method === "POST")
      ).toEqual([])
    })

    it("a webhook with a bad signature is dropped: the authorized payment stays as it was", async () => {
      const { order, intentId } = await authorizedOrder()
      await stripe.paymentIntents.capture(intentId)
      const rawEvent = await succeededEventFor(intentId)
      const before = await orderState(order.id)

      // Refused at the door, before anything is queued.
      const wrongSecret = await deliverWebhook(rawEvent, "whsec_not_the_endpoint_secret").catch(
        (e: { response: { status: number } }) => e.response
      )
      expect(wrongSecret.status).toBe(400)
      const tampered = rawEvent.replace('"amount_received":1999', '"amount_received":1')
      expect(tampered).not.toBe(rawEvent)
      const signature = stripe.webhooks.generateTestHeaderString({ payload: rawEvent, secret: SANDBOX_WEBHOOK_SECRET })
      const altered = await api
        .post(WEBHOOK_PATH, tampered, { headers: { "content-type": "application/json", "stripe-signature": signature } })
        .catch((e: { response: { status: number } }) => e.response)
      expect(altered.status).toBe(400)
      await afterWebhookHandling()

      expect(await orderState(order.id)).toEqual(before)
    })

    it("a storefront customer who paid but never completed the cart: Stripe's payment_intent.succeeded completes it into a paid order, once", async () => {
      const { cartId, session } = await storefrontCart()
      const intentId = String(session.data.payment_intent_id)
      expect(intentId).toMatch(/^pi_/)
      // The customer's browser confirms with Stripe.js (the session's client secret), then the tab is closed
      // before the storefront completes the cart.
      await stripe.paymentIntents.confirm(intentId, { payment_method: "pm_card_visa" })
      const rawEvent = await succeededEventFor(intentId)

      expect((await deliverWebhook(rawEvent)).status).toBe(200)
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const orderOfCart = async () => {
        const { data } = await query.graph({ entity: "order_cart", fields: ["order_id"], filters: { cart_id: cartId } })
        return data[0]?.order_id as string | undefined
      }
      const orderId = await eventually(orderOfCart, (id) => Boolean(id))
      if (!orderId) throw new Error("The webhook did not complete the cart")
      await eventually(
        () => orderState(orderId),
        (state) => state.transactions.some((t) => t.reference === "capture")
      )
      await utils.waitWorkflowExecutions()
      const first = await orderState(orderId)
      expect(first.payment_status).toBe("captured")
      expect(first.payments).toHaveLength(1)
      expect(first.payments[0].captures.map((c) => c.amount)).toEqual([19.99])

      expect((await deliverWebhook(rawEvent)).status).toBe(200)
      await afterWebhookHandling()
      expect(await orderState(orderId)).toEqual(first)
      expect(await orderOfCart()).toBe(orderId)
    })

    it("a payment link's deferred session waits without calling Stripe, then is paid on Checkout and recorded from Stripe's own webhook", async () => {
      const order = await createOrder(getContainer(), { currency: "usd", total: 42.5, store })

      sandbox.current().clearRequests()
      const created = await api.post(`/admin/stripe-collect/orders/${order.id}/payment-links`, { amount: 42.5 }, admin)
      const link = created.data.payment_link as { id: string; url: string }
      const { data: withSession } = await api.get(
        `/admin/orders/${order.id}?fields=*payment_collections,*payment_collections.payment_sessions`,
        admin
      )
      const sessions = withSession.order.payment_collections.flatMap(
        (c: { payment_sessions: Array<{ provider_id: string; status: string }> }) => c.payment_sessions
      )
      expect(sessions).toEqual([expect.objectContaining({ provider_id: STRIPE_COLLECT_PROVIDER_ID, status: "pending_authorization" })])
      expect(sandbox.current().requests()).toEqual([])

      // The customer pays on Checkout and never comes back: only Stripe's own webhook tells the shop.
      sandbox.current().setWebhookUrl(`${api.defaults.baseURL}${WEBHOOK_PATH}`)
      const paid = await payOnSandboxCheckout(await pressPay(link.url), "4242424242424242", { followReturn: false })
      expect([302, 303]).toContain(paid.status)
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
      const intent = await stripe.paymentIntents.retrieve(String(state.payments[0].data.id))
      expect(intent).toMatchObject({ amount: 4250, amount_received: 4250, currency: "usd", status: "succeeded" })
      const summary = await api.get(`/admin/stripe-collect/orders/${order.id}`, admin)
      expect(summary.data.payment_links.find((l: { id: string }) => l.id === link.id)?.status).toBe("paid")
    })

    it("a deferred session is paid only through a Checkout Session the plugin opened for it, however another got there", async () => {
      const container = getContainer()
      const order = await createOrder(container, { currency: "usd", total: 19.99, store })
      const { result: collection } = await createOrderPaymentCollectionWorkflow(container).run({
        input: { order_id: order.id, amount: 19.99 },
      })
      const { result: session } = await createPaymentSessionsWorkflow(container).run({
        input: { payment_collection_id: collection[0].id, provider_id: STRIPE_COLLECT_PROVIDER_ID, context: { deferred: true } },
      })
      expect(session.status).toBe("pending_authorization")

      // Made straight through Stripe's API, naming the session and the order; then saved on the session as if it were its own.
      const foreign = await stripe.checkout.sessions.create({
        mode: "payment",
        line_items: [
          { price_data: { currency: "usd", unit_amount: 1999, product_data: { name: `Order #${order.display_id}` } }, quantity: 1 },
        ],
        success_url: "http://localhost/paid",
        metadata: stripeCollectMetadata(session.id, { order_id: order.id }),
      })
      const payment = container.resolve(Modules.PAYMENT)
      await payment.updatePaymentSession({
        id: session.id,
        data: { ...session.data, checkout_session_id: foreign.id },
        amount: 19.99,
        currency_code: "usd",
      })

      // The customer pays it, and Stripe tells the shop.
      sandbox.current().setWebhookUrl(`${api.defaults.baseURL}${WEBHOOK_PATH}`)
      const paid = await payOnSandboxCheckout(`${sandbox.current().url}/checkout/${foreign.id}`, "4242424242424242", {
        followReturn: false,
      })
      expect([302, 303]).toContain(paid.status)
      await sandbox.current().webhooksSettled()
      const delivered = sandbox
        .current()
        .webhookDeliveries()
        .filter((d) => d.type === "checkout.session.completed")
      expect(delivered.map((d) => d.status)).toContain(200)
      await afterWebhookHandling()

      // Neither the webhook nor authorizing the session records it.
      expect(await payment.authorizePaymentSession(session.id, {})).toBeNull()
      const state = await orderState(order.id)
      expect(state.payments).toEqual([])
      expect(state.transactions).toEqual([])
      expect(state.payment_status).not.toBe("captured")
    })
  },
})
