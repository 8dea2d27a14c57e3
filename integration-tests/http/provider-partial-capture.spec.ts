import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type Stripe from "stripe"
import { createStripeClient } from "../../src/stripe/client"
import { createAdminHeaders } from "../helpers/admin"
import { SANDBOX_API_KEY, useSandbox } from "../helpers/sandbox"
import { checkoutThroughStore, createRegionWithProducts, sessionByServer, type SeededStore } from "../helpers/store"

jest.setTimeout(300_000)

// Partial capture then the rest, through Medusa's admin API, with the provider's multicapture option on.

const sandbox = useSandbox()

// medusa-config.ts reads STRIPE_MULTICAPTURE when the app boots, so it must be set before the runner's own beforeAll.
let savedMulticapture: string | undefined
beforeAll(() => {
  savedMulticapture = process.env.STRIPE_MULTICAPTURE
  process.env.STRIPE_MULTICAPTURE = "true"
})
afterAll(() => {
  if (savedMulticapture === undefined) delete process.env.STRIPE_MULTICAPTURE
  else process.env.STRIPE_MULTICAPTURE = savedMulticapture
})

type AdminPayment = {
  id: string
  amount: number
  captured_at: string | null
  data: Record<string, unknown>
  captures: Array<{ id: string; amount: number }>
}

type AdminOrderPayments = {
  id: string
  total: number
  payment_status: string
  summary: { paid_total: number; pending_difference: number }
  payment_collections: Array<{ id: string; status: string; captured_amount: number; payments: AdminPayment[] }>
}

const ORDER_FIELDS = [
  "id",
  "total",
  "payment_status",
  "summary",
  "*payment_collections",
  "*payment_collections.payments",
  "*payment_collections.payments.captures",
].join(",")

const sum = (amounts: Array<{ amount: number }>) => amounts.reduce((total, a) => total + Number(a.amount), 0)

const chargeOf = (intent: Stripe.PaymentIntent): Stripe.Charge => {
  if (!intent.latest_charge || typeof intent.latest_charge === "string") throw new Error("latest_charge was not expanded")
  return intent.latest_charge
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    let admin: { headers: Record<string, string> }
    let stripe: Stripe

    beforeAll(async () => {
      store = await createRegionWithProducts(getContainer(), [
        { currency: "usd", country: "us", prices: [100] },
        { currency: "jpy", country: "jp", prices: [5000] },
      ])
      admin = { headers: (await createAdminHeaders(getContainer())).headers }
      stripe = createStripeClient({ apiKey: SANDBOX_API_KEY, apiBase: sandbox.current().stripe, maxNetworkRetries: 0 })
    })

    async function orderPayments(orderId: string): Promise<AdminOrderPayments> {
      const { data } = await api.get(`/admin/orders/${orderId}?fields=${ORDER_FIELDS}`, admin)
      return data.order
    }

    async function onlyPayment(order: AdminOrderPayments): Promise<AdminPayment> {
      const payments = order.payment_collections.flatMap((collection) => collection.payments)
      expect(payments).toHaveLength(1)
      return payments[0]
    }

    /**
     * A storefront checkout with the card only authorized (manual capture), as an order waiting to ship.
     * The capture method is the shop backend's choice (a trusted context), never the storefront's data.
     */
    async function placeAuthorizedOrder(currency: string, price: number) {
      const checkout = await checkoutThroughStore(api, store, {
        currency,
        price,
        paymentData: { payment_method: "pm_card_visa" },
        createSession: sessionByServer(getContainer(), { capture_method: "manual" }),
      })
      if (checkout.completion.type !== "order") {
        throw new Error(`Checkout did not place an order: ${JSON.stringify(checkout.completion.error)}`)
      }
      const order = await orderPayments(checkout.completion.order.id)
      expect(order.payment_status).toBe("authorized")
      const payment = await onlyPayment(order)
      return { order, payment, intentId: String(payment.data.id) }
    }

    it("captures 30 of 100 USD, then the other 70: Medusa and Stripe agree to the cent at each step", async () => {
      const { order, payment, intentId } = await placeAuthorizedOrder("usd", 100)
      const authorized = await stripe.paymentIntents.retrieve(intentId, { expand: ["latest_charge"] })
      expect(authorized).toMatchObject({ amount: 10000, amount_capturable: 10000, status: "requires_capture", capture_method: "manual" })
      expect(authorized.payment_method_options?.card?.request_multicapture).toBe("if_available")
      expect(chargeOf(authorized).payment_method_details?.card?.multicapture?.status).toBe("available")

      const first = await api.post(`/admin/payments/${payment.id}/capture`, { amount: 30 }, admin)
      expect(first.status).toBe(200)

      const partly = await stripe.paymentIntents.retrieve(intentId, { expand: ["latest_charge"] })
      expect(partly).toMatchObject({ status: "requires_capture", amount_received: 3000, amount_capturable: 7000 })
      expect(chargeOf(partly)).toMatchObject({ amount_captured: 3000, amount_refunded: 0 })
      const afterFirst = await orderPayments(order.id)
      expect(afterFirst.payment_status).toBe("partially_captured")
      const firstPayment = await onlyPayment(afterFirst)
      expect(firstPayment.captures.map((c) => Number(c.amount))).toEqual([30])
      expect(firstPayment.captured_at).toBeNull()
      expect(Number(afterFirst.summary.paid_total)).toBe(30)
      expect(Number(afterFirst.summary.pending_difference)).toBe(70)

      const second = await api.post(`/admin/payments/${payment.id}/capture`, { amount: 70 }, admin)
      expect(second.status).toBe(200)

      const done = await stripe.paymentIntents.retrieve(intentId, { expand: ["latest_charge"] })
      expect(done).toMatchObject({ status: "succeeded", amount_received: 10000, amount_capturable: 0 })
      expect(chargeOf(done)).toMatchObject({ captured: true, amount_captured: 10000, amount_refunded: 0, refunded: false })
      const afterSecond = await orderPayments(order.id)
      expect(afterSecond.payment_status).toBe("captured")
      const secondPayment = await onlyPayment(afterSecond)
      expect(secondPayment.captures.map((c) => Number(c.amount)).sort((a, b) => a - b)).toEqual([30, 70])
      expect(sum(secondPayment.captures)).toBe(100)
      expect(secondPayment.captured_at).not.toBeNull()
      expect(Number(afterSecond.summary.paid_total)).toBe(100)
      expect(Number(afterSecond.summary.pending_difference)).toBe(0)

      // Exactly two captures reached Stripe: the first kept the rest authorized, the second was final.
      const captures = sandbox
        .current()
        .requests()
        .filter((r) => r.method === "POST" && r.path === `/v1/payment_intents/${intentId}/capture` && r.status === 200)
      expect(captures.map((r) => [r.params.amount_to_capture, r.params.final_capture])).toEqual([
        ["3000", "false"],
        ["7000", undefined],
      ])
    })

    it("captures ¥2000 of ¥5000, then ¥3000: zero-decimal amounts reach Stripe unscaled", async () => {
      const { order, payment, intentId } = await placeAuthorizedOrder("jpy", 5000)

      await api.post(`/admin/payments/${payment.id}/capture`, { amount: 2000 }, admin)
      expect(await stripe.paymentIntents.retrieve(intentId)).toMatchObject({
        status: "requires_capture",
        amount_received: 2000,
        amount_capturable: 3000,
      })
      expect((await orderPayments(order.id)).payment_status).toBe("partially_captured")

      await api.post(`/admin/payments/${payment.id}/capture`, { amount: 3000 }, admin)
      const done = await stripe.paymentIntents.retrieve(intentId, { expand: ["latest_charge"] })
      expect(done).toMatchObject({ status: "succeeded", amount: 5000, amount_received: 5000, amount_capturable: 0, currency: "jpy" })
      expect(chargeOf(done).amount_captured).toBe(5000)
      const after = await orderPayments(order.id)
      expect(after.payment_status).toBe("captured")
      expect(sum((await onlyPayment(after)).captures)).toBe(5000)
      expect(Number(after.summary.paid_total)).toBe(5000)
    })
  },
})
