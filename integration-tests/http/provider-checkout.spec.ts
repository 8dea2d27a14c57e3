import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type Stripe from "stripe"
import { createStripeClient } from "../../src/stripe/client"
import { createAdminHeaders } from "../helpers/admin"
import { SANDBOX_API_KEY, useSandbox } from "../helpers/sandbox"
import { checkoutThroughStore, createRegionWithProducts, sessionByServer, type CreateSession, type SeededStore } from "../helpers/store"

jest.setTimeout(300_000)

const sandbox = useSandbox()

type AdminPayment = {
  id: string
  amount: number
  currency_code: string
  captured_at: string | null
  data: Record<string, unknown>
  captures: Array<{ id: string; amount: number }>
  refunds: Array<{ id: string; amount: number }>
}

type AdminOrderPayments = {
  id: string
  total: number
  payment_status: string
  payment_collections: Array<{ id: string; status: string; payments: AdminPayment[] }>
}

const ORDER_FIELDS = [
  "id",
  "total",
  "payment_status",
  "*payment_collections",
  "*payment_collections.payments",
  "*payment_collections.payments.captures",
  "*payment_collections.payments.refunds",
].join(",")

const sum = (amounts: Array<{ amount: number }>) => amounts.reduce((total, a) => total + Number(a.amount), 0)

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    let admin: { headers: Record<string, string> }
    let stripe: Stripe

    beforeAll(async () => {
      store = await createRegionWithProducts(getContainer(), [
        { currency: "usd", country: "us", prices: [19.99, 100] },
        { currency: "jpy", country: "jp", prices: [5000] },
      ])
      admin = { headers: (await createAdminHeaders(getContainer())).headers }
      stripe = createStripeClient({ apiKey: SANDBOX_API_KEY, apiBase: sandbox.current().stripe, maxNetworkRetries: 0 })
    })

    async function orderPayments(orderId: string): Promise<AdminOrderPayments> {
      const { data } = await api.get(`/admin/orders/${orderId}?fields=${ORDER_FIELDS}`, admin)
      return data.order
    }

    async function onlyPayment(orderId: string): Promise<AdminPayment> {
      const order = await orderPayments(orderId)
      const payments = order.payment_collections.flatMap((collection) => collection.payments)
      expect(payments).toHaveLength(1)
      return payments[0]
    }

    async function placeOrder(currency: string, price: number, paymentData: Record<string, unknown>, createSession?: CreateSession) {
      const checkout = await checkoutThroughStore(api, store, { currency, price, paymentData, createSession })
      if (checkout.completion.type !== "order") {
        throw new Error(`Checkout did not place an order: ${JSON.stringify(checkout.completion.error)}`)
      }
      return { checkout, order: checkout.completion.order }
    }

    it("checks out a USD cart with pm_card_visa: order placed, charged at Stripe to the cent, in two Stripe calls", async () => {
      sandbox.current().clearRequests()
      const { checkout, order } = await placeOrder("usd", 19.99, { payment_method: "pm_card_visa" })
      const calls = sandbox.current().requests()

      expect(order.total).toBe(19.99)
      expect(order.currency_code).toBe("usd")
      const payment = await onlyPayment(order.id)
      expect(Number(payment.amount)).toBe(19.99)
      expect(sum(payment.captures)).toBe(19.99)
      expect((await orderPayments(order.id)).payment_status).toBe("captured")

      const intent = await stripe.paymentIntents.retrieve(String(payment.data.id))
      expect(intent).toMatchObject({
        amount: 1999,
        amount_received: 1999,
        currency: "usd",
        status: "succeeded",
        capture_method: "automatic",
        metadata: { stripe_collect: "1", session_id: checkout.payment_session_id },
      })

      // The storefront checkout costs exactly: create the PaymentIntent, confirm it.
      expect(calls.map((call) => `${call.method} ${call.path.replace(/pi_\w+/, "{intent}")}`)).toEqual([
        "POST /v1/payment_intents",
        "POST /v1/payment_intents/{intent}/confirm",
      ])
      for (const call of calls) {
        expect(call.idempotencyKey).toMatch(/^stripe-collect:(initiate|confirm):/)
      }
    })

    // A shop that ships before it charges: its backend makes the session with the trusted capture method.
    const authorizeOnly = () => sessionByServer(getContainer(), { capture_method: "manual" })

    it("checks out a JPY cart: ¥5000 is 5000 at Stripe, and the admin's full capture takes exactly that", async () => {
      const { order } = await placeOrder("jpy", 5000, { payment_method: "pm_card_visa" }, authorizeOnly())
      expect(order.total).toBe(5000)
      expect((await orderPayments(order.id)).payment_status).toBe("authorized")
      const payment = await onlyPayment(order.id)
      const authorized = await stripe.paymentIntents.retrieve(String(payment.data.id))
      expect(authorized).toMatchObject({ amount: 5000, amount_capturable: 5000, currency: "jpy", status: "requires_capture" })

      const response = await api.post(`/admin/payments/${payment.id}/capture`, {}, admin)
      expect(response.status).toBe(200)

      const captured = await stripe.paymentIntents.retrieve(authorized.id)
      expect(captured).toMatchObject({ amount_received: 5000, amount_capturable: 0, status: "succeeded" })
      const after = await onlyPayment(order.id)
      expect(sum(after.captures)).toBe(5000)
      expect((await orderPayments(order.id)).payment_status).toBe("captured")
    })

    it("captures in full, then refunds part and then the rest: Stripe's refunds equal Medusa's", async () => {
      const { order } = await placeOrder("usd", 100, { payment_method: "pm_card_visa" }, authorizeOnly())
      const payment = await onlyPayment(order.id)
      await api.post(`/admin/payments/${payment.id}/capture`, { amount: 100 }, admin)

      await api.post(`/admin/payments/${payment.id}/refund`, { amount: 25.5 }, admin)
      expect((await orderPayments(order.id)).payment_status).toBe("partially_refunded")
      await api.post(`/admin/payments/${payment.id}/refund`, { amount: 74.5 }, admin)

      const after = await onlyPayment(order.id)
      expect(after.refunds.map((r) => Number(r.amount)).sort((a, b) => a - b)).toEqual([25.5, 74.5])
      const refunds = await stripe.refunds.list({ payment_intent: String(payment.data.id) })
      expect(refunds.data.map((r) => r.amount).sort((a, b) => a - b)).toEqual([2550, 7450])
      expect(refunds.data.every((r) => r.status === "succeeded" && r.currency === "usd")).toBe(true)
      const intent = await stripe.paymentIntents.retrieve(String(payment.data.id), { expand: ["latest_charge"] })
      const charge = intent.latest_charge as Stripe.Charge
      expect(charge.amount_refunded).toBe(10000)
      expect(charge.refunded).toBe(true)
      expect((await orderPayments(order.id)).payment_status).toBe("refunded")
    })

    it("captures part of an authorization; Medusa records exactly what Stripe took, and refuses the released rest", async () => {
      const { order } = await placeOrder("usd", 100, { payment_method: "pm_card_visa" }, authorizeOnly())
      const payment = await onlyPayment(order.id)
      const intentId = String(payment.data.id)

      await api.post(`/admin/payments/${payment.id}/capture`, { amount: 30 }, admin)
      const partly = await stripe.paymentIntents.retrieve(intentId)
      expect(partly.amount_received).toBe(3000)
      expect(sum((await onlyPayment(order.id)).captures)).toBe(30)
      expect((await orderPayments(order.id)).payment_status).toBe("partially_captured")

      // Without multicapture Stripe releases the rest at the first capture: the second is refused
      // and Medusa keeps the 30 Stripe actually holds.
      const rest = await api.post(`/admin/payments/${payment.id}/capture`, { amount: 70 }, admin).catch((e) => e.response)
      expect(rest.status).toBe(400)
      expect(rest.data.message).toMatch(
        /Stripe has captured 30 USD of PaymentIntent pi_\w+ and released the rest of the authorization; another 70 USD cannot be captured/
      )
      expect(sum((await onlyPayment(order.id)).captures)).toBe(30)
      expect((await stripe.paymentIntents.retrieve(intentId)).amount_received).toBe(3000)
    })

    it("a declined card gives the decline's message and code, and no order", async () => {
      const checkout = await checkoutThroughStore(api, store, {
        currency: "usd",
        price: 19.99,
        paymentData: { payment_method: "pm_card_chargeDeclinedInsufficientFunds" },
      })
      expect(checkout.completion.type).toBe("cart")
      if (checkout.completion.type !== "cart") return
      expect(checkout.completion.error).toMatchObject({
        type: "payment_authorization_error",
        message: "Your card has insufficient funds. [insufficient_funds]",
      })
      await expectNoOrderFor(checkout.cart_id)

      const session = await paymentSession(checkout.payment_session_id)
      const intent = await stripe.paymentIntents.retrieve(String(session.data.id))
      expect(intent.status).toBe("requires_payment_method")
      expect(intent.last_payment_error?.decline_code).toBe("insufficient_funds")
    })

    it("a card that needs 3-D Secure leaves the session requiring more (with Stripe's next action), and no order", async () => {
      const checkout = await checkoutThroughStore(api, store, {
        currency: "usd",
        price: 19.99,
        paymentData: { payment_method: "pm_card_authenticationRequired" },
      }).catch((e) => e)
      // Medusa answers 400 "not authorized" for requires_more; the session tells the storefront what to do.
      expect(checkout.response?.status).toBe(400)
      expect(checkout.response.data.message).toMatch(/was not authorized with the provider/)

      const sessions = await listSessionsOfLatestCart()
      expect(sessions[0].status).toBe("requires_more")
      expect(sessions[0].data).toMatchObject({ status: "requires_action", next_action: { type: expect.any(String) } })
      expect(typeof sessions[0].data.client_secret).toBe("string")
      const intent = await stripe.paymentIntents.retrieve(String(sessions[0].data.id))
      expect(intent.status).toBe("requires_action")
      await expectNoOrderFor(sessions[0].cart_id)
    })

    async function paymentSession(id: string): Promise<{ id: string; status: string; data: Record<string, unknown> }> {
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({ entity: "payment_session", fields: ["id", "status", "data"], filters: { id } })
      return data[0]
    }

    // The most recent cart's payment sessions (when the checkout helper threw before returning ids).
    async function listSessionsOfLatestCart(): Promise<
      Array<{ id: string; status: string; data: Record<string, unknown>; cart_id: string }>
    > {
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data: carts } = await query.graph({
        entity: "cart",
        fields: ["id", "created_at", "payment_collection.payment_sessions.*"],
      })
      const latest = [...carts].sort((a, b) => new Date(b.created_at).getTime() - new Date(a.created_at).getTime())[0]
      return (latest.payment_collection?.payment_sessions ?? []).map(
        (s: { id: string; status: string; data: Record<string, unknown> }) => ({
          ...s,
          cart_id: latest.id,
        })
      )
    }

    async function expectNoOrderFor(cartId: string) {
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data: links } = await query.graph({ entity: "order_cart", fields: ["order_id"], filters: { cart_id: cartId } })
      expect(links).toHaveLength(0)
      const { data: carts } = await query.graph({ entity: "cart", fields: ["id", "completed_at"], filters: { id: cartId } })
      expect(carts[0].completed_at).toBeNull()
    }
  },
})
