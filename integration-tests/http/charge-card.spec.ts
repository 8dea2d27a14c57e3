import Stripe from "stripe"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createAdminHeaders } from "../helpers/admin"
import { createCustomerWithCardOnFile, createUnpaidOrder } from "../helpers/orders"
import { SANDBOX_API_KEY, useSandbox } from "../helpers/sandbox"

jest.setTimeout(300_000)

const sandbox = useSandbox()

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: Record<string, string>
    let stripe: Stripe

    const charge = (orderId: string, body: unknown, extra: Record<string, string> = {}) =>
      api.post(`/admin/stripe-collect/orders/${orderId}/charges`, body, { headers: { ...headers, ...extra } }).catch((e: any) => e.response)

    const adminOrder = async (orderId: string) =>
      (await api.get(`/admin/orders/${orderId}?fields=+payment_status,+summary`, { headers })).data.order

    const intentsFor = async (orderId: string) =>
      (await stripe.paymentIntents.list({ limit: 100 })).data.filter((pi) => pi.metadata.order_id === orderId)

    beforeEach(async () => {
      ;({ headers } = await createAdminHeaders(getContainer()))
      const s = sandbox.current()
      stripe = new Stripe(SANDBOX_API_KEY, { ...s.stripe, maxNetworkRetries: 0 })
    })

    it("charges 30 then 70 of a 100.00 USD order: partially captured, then captured, then nothing to charge", async () => {
      const order = await createUnpaidOrder(getContainer(), { currency: "usd", amount: 100 })

      const first = await charge(order.id, { amount: 30, payment_method: "pm_card_visa" })
      expect(first.status).toBe(201)
      expect(first.data.charge).toMatchObject({ status: "succeeded", amount: 30, card_brand: "visa", card_last4: "4242" })
      expect(first.data.order).toMatchObject({ outstanding: 70, paid_total: 30, payment_status: "partially_captured" })

      const afterFirst = await adminOrder(order.id)
      expect(afterFirst.payment_status).toBe("partially_captured")
      expect(afterFirst.summary.pending_difference).toBe(70)

      const intents = await intentsFor(order.id)
      expect(intents).toHaveLength(1)
      expect(intents[0]).toMatchObject({ amount: 3000, currency: "usd", status: "succeeded" })
      expect(intents[0].description).toContain(`#${order.display_id}`)
      expect(intents[0].metadata).toMatchObject({ order_id: order.id, order_display_id: String(order.display_id) })

      const second = await charge(order.id, { amount: 70, payment_method: "pm_card_visa" })
      expect(second.status).toBe(201)
      expect(second.data.order).toMatchObject({ outstanding: 0, paid_total: 100, payment_status: "captured" })
      expect((await adminOrder(order.id)).payment_status).toBe("captured")

      const third = await charge(order.id, { amount: 1, payment_method: "pm_card_visa" })
      expect(third.status).toBe(409)
      expect(third.data.message).toMatch(/nothing outstanding/)
      expect(await intentsFor(order.id)).toHaveLength(2)
    })

    it("charges exact minor units for JPY and KWD", async () => {
      const yen = await createUnpaidOrder(getContainer(), { currency: "jpy", amount: 5000 })
      const yenCharge = await charge(yen.id, { amount: 1234, payment_method: "pm_card_visa" })
      expect(yenCharge.status).toBe(201)
      expect((await intentsFor(yen.id))[0]).toMatchObject({ amount: 1234, currency: "jpy" })

      const dinar = await createUnpaidOrder(getContainer(), { currency: "kwd", amount: 50 })
      const dinarCharge = await charge(dinar.id, { amount: 12.35, payment_method: "pm_card_visa" })
      expect(dinarCharge.status).toBe(201)
      expect((await intentsFor(dinar.id))[0]).toMatchObject({ amount: 12350, currency: "kwd" })
      expect(dinarCharge.data.order.outstanding).toBeCloseTo(37.65, 3)
    })

    it("answers a declined card with 402 and Stripe's reason, records nothing as paid, logs the failure", async () => {
      const order = await createUnpaidOrder(getContainer(), { amount: 100 })
      for (const [card, decline] of [
        ["pm_card_chargeDeclined", "generic_decline"],
        ["pm_card_chargeDeclinedInsufficientFunds", "insufficient_funds"],
      ]) {
        const response = await charge(order.id, { amount: 50, payment_method: card })
        expect(response.status).toBe(402)
        expect(response.data).toMatchObject({ code: "card_declined", decline_code: decline })
        expect(response.data.message).toMatch(/declined|insufficient/i)
      }
      const state = await adminOrder(order.id)
      expect(state.summary.paid_total).toBe(0)
      expect(state.summary.pending_difference).toBe(100)

      const summary = await api.get(`/admin/stripe-collect/orders/${order.id}`, { headers })
      const failures = summary.data.activity.filter((a: any) => a.status === "failed")
      expect(failures.map((f: any) => f.decline_code).sort()).toEqual(["generic_decline", "insufficient_funds"])
    })

    it("offers a payment link when the bank requires the customer to authenticate", async () => {
      const order = await createUnpaidOrder(getContainer(), { amount: 100 })
      const response = await charge(order.id, { amount: 40, payment_method: "pm_card_authenticationRequired" })
      expect(response.status).toBe(409)
      expect(response.data).toMatchObject({ code: "authentication_required", offer: "payment_link" })
      expect((await adminOrder(order.id)).summary.paid_total).toBe(0)
    })

    it("rejects bad amounts, unknown and canceled orders with 4xx and changes nothing", async () => {
      const order = await createUnpaidOrder(getContainer(), { amount: 100 })
      sandbox.current().clearRequests()
      const bad: [unknown, number, RegExp][] = [
        [{ amount: 0, payment_method: "pm_card_visa" }, 400, /amount/],
        [{ amount: -1, payment_method: "pm_card_visa" }, 400, /amount/],
        [{ amount: "abc", payment_method: "pm_card_visa" }, 400, /amount/],
        [{ amount: 10.001, payment_method: "pm_card_visa" }, 400, /precision|decimals/],
        [{ amount: 100.01, payment_method: "pm_card_visa" }, 400, /outstanding/],
        [{ amount: 10 }, 400, /payment_method/],
        [{ amount: 10, payment_method: "visa" }, 400, /payment_method/],
        [{ amount: 10, payment_method: "pm_card_visa", extra: 1 }, 400, /extra|unrecognized/i],
      ]
      for (const [body, status, message] of bad) {
        const response = await charge(order.id, body)
        expect({ body, status: response.status }).toEqual({ body, status })
        expect(response.data.message).toMatch(message)
      }
      const unknown = await charge("order_does_not_exist", { amount: 10, payment_method: "pm_card_visa" })
      expect(unknown.status).toBe(404)

      const canceled = await createUnpaidOrder(getContainer(), { amount: 100 })
      await api.post(`/admin/orders/${canceled.id}/cancel`, {}, { headers })
      const onCanceled = await charge(canceled.id, { amount: 10, payment_method: "pm_card_visa" })
      expect(onCanceled.status).toBe(409)
      expect(onCanceled.data.message).toMatch(/canceled/)

      expect((await adminOrder(order.id)).summary.pending_difference).toBe(100)
      expect(sandbox.current().requests()).toEqual([])
    })

    it("charges once for a repeated Idempotency-Key and once for 10 concurrent full charges", async () => {
      const order = await createUnpaidOrder(getContainer(), { amount: 100 })
      const key = { "idempotency-key": "double-click-1" }
      const first = await charge(order.id, { amount: 25, payment_method: "pm_card_visa" }, key)
      const again = await charge(order.id, { amount: 25, payment_method: "pm_card_visa" }, key)
      expect(first.status).toBe(201)
      expect(again.status).toBe(200)
      expect(again.data.replayed).toBe(true)
      expect(again.data.charge.id).toBe(first.data.charge.id)
      expect(await intentsFor(order.id)).toHaveLength(1)

      const racing = await createUnpaidOrder(getContainer(), { amount: 100 })
      const results = await Promise.all(
        Array.from({ length: 10 }, () => charge(racing.id, { amount: 100, payment_method: "pm_card_visa" }))
      )
      expect(results.filter((r) => r.status === 201)).toHaveLength(1)
      expect(results.filter((r) => r.status === 409)).toHaveLength(9)
      const state = await adminOrder(racing.id)
      expect(state.summary.paid_total).toBe(100)
      expect(state.payment_status).toBe("captured")
      expect(await intentsFor(racing.id)).toHaveLength(1)
    })

    it("shows the customer and their card on file, and charges that card on their Stripe customer", async () => {
      const { customer, stripeCustomerId, card } = await createCustomerWithCardOnFile(getContainer(), stripe)
      const order = await createUnpaidOrder(getContainer(), { amount: 80, email: customer.email, customer_id: customer.id })

      const summary = (await api.get(`/admin/stripe-collect/orders/${order.id}`, { headers })).data
      expect(summary.customer).toMatchObject({ name: "Rita Regular", email: customer.email, phone: "+1 555 0199" })
      expect(summary.customer.billing_address).toMatchObject({ address_1: "1 Main Street", city: "Springfield" })
      expect(summary.cards_on_file).toEqual([expect.objectContaining({ id: card.id, brand: "visa", last4: "4242" })])
      expect(summary.test_cards.map((c: any) => c.id)).toContain("pm_card_visa")
      expect(summary.order).toMatchObject({ outstanding: 80, currency_code: "usd", payable: true })

      sandbox.current().clearRequests()
      const response = await charge(order.id, { amount: 80, payment_method: card.id })
      expect(response.status).toBe(201)
      // Two Stripe calls in all: the card is read (it must be this customer's), then the PaymentIntent is
      // created and confirmed together, nothing read back.
      const calls = sandbox.current().requests()
      const [intent] = await intentsFor(order.id)
      expect(intent.customer).toBe(stripeCustomerId)
      expect(calls.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /v1/payment_methods/${card.id}`, "POST /v1/payment_intents"])
      expect(calls[1].idempotencyKey).toBeTruthy()
    })

    it("refuses unauthenticated callers", async () => {
      const order = await createUnpaidOrder(getContainer(), { amount: 100 })
      const response = await api
        .post(`/admin/stripe-collect/orders/${order.id}/charges`, { amount: 1, payment_method: "pm_card_visa" })
        .catch((e: any) => e.response)
      expect(response.status).toBe(401)
      const read = await api.get(`/admin/stripe-collect/orders/${order.id}`).catch((e: any) => e.response)
      expect(read.status).toBe(401)
    })
  },
})
