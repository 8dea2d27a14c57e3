import Stripe from "stripe"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createOrderWorkflow } from "@medusajs/medusa/core-flows"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createAdminHeaders } from "../helpers/admin"
import { createCustomerWithCardOnFile, createUnpaidOrder } from "../helpers/orders"
import { SANDBOX_API_KEY, SANDBOX_WEBHOOK_SECRET, useSandbox } from "../helpers/sandbox"

jest.setTimeout(300_000)

// Without STRIPE_PUBLISHABLE_KEY the development app gives the sandbox's publishable key and Stripe.js.
const SANDBOX_PUBLISHABLE_KEY = "pk_test_stripe_collect_sandbox"
const PROVIDER_ID = "pp_stripe-collect_default"

const sandbox = useSandbox()

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: Record<string, string>
    let stripe: Stripe
    /** Stripe.js's side: the publishable key, which can only make PaymentMethods. */
    let browserStripe: Stripe
    const nextYear = new Date().getUTCFullYear() + 1

    const charge = (orderId: string, body: unknown) =>
      api.post(`/admin/stripe-collect/orders/${orderId}/charges`, body, { headers }).catch((e: any) => e.response)
    const summary = async (orderId: string) => (await api.get(`/admin/stripe-collect/orders/${orderId}`, { headers })).data
    const intentsFor = async (orderId: string) =>
      (await stripe.paymentIntents.list({ limit: 100 })).data.filter((pi) => pi.metadata.order_id === orderId)

    /** What Stripe.js does with the card typed into its field: a PaymentMethod made with the publishable key. */
    const typedCard = (number: string, name = "Carla Diaz") =>
      browserStripe.paymentMethods.create({
        type: "card",
        card: { number, exp_month: 12, exp_year: nextYear, cvc: "123" },
        billing_details: { name, address: { postal_code: "97201", country: "US" } },
      })

    const accountHoldersOf = async (customerId: string) => {
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({
        entity: "customer",
        fields: ["account_holders.id", "account_holders.provider_id", "account_holders.external_id"],
        filters: { id: customerId },
      })
      return (data[0]?.account_holders ?? []).filter(Boolean) as { id: string; provider_id: string; external_id: string }[]
    }

    /** A guest order: placed without an email or a customer, so there is no one to keep a card for. */
    const guestOrder = async (amount: number) => {
      const { region_id } = await createUnpaidOrder(getContainer(), { amount })
      const { result } = await createOrderWorkflow(getContainer()).run({
        input: {
          region_id: region_id!,
          currency_code: "usd",
          status: "pending",
          items: [{ title: "Handmade table", quantity: 1, unit_price: amount }],
        },
      })
      expect(result.customer_id ?? null).toBeNull()
      return result
    }

    const customerWithoutStripe = (email: string) =>
      getContainer().resolve(Modules.CUSTOMER).createCustomers({ email, first_name: "Carla", last_name: "Diaz", phone: "+1 555 0199" })

    beforeEach(async () => {
      ;({ headers } = await createAdminHeaders(getContainer()))
      const s = sandbox.current()
      stripe = new Stripe(SANDBOX_API_KEY, { ...s.stripe, maxNetworkRetries: 0 })
      browserStripe = new Stripe(SANDBOX_PUBLISHABLE_KEY, { ...s.stripe, maxNetworkRetries: 0 })
    })

    it("tells the widget how to load Stripe.js (publishable key, Stripe.js URL) and never a secret", async () => {
      const order = await createUnpaidOrder(getContainer(), { amount: 50 })
      const response = await api.get(`/admin/stripe-collect/orders/${order.id}`, { headers })
      expect(response.status).toBe(200)
      expect(response.data.new_card).toEqual({
        publishable_key: SANDBOX_PUBLISHABLE_KEY,
        stripe_js_url: sandbox.current().stripeJsUrl,
        stripe_account: null,
      })
      const text = JSON.stringify(response.data)
      expect(text).not.toContain(SANDBOX_API_KEY)
      expect(text).not.toContain(SANDBOX_WEBHOOK_SECRET)
      expect(text).not.toMatch(/\b(sk|rk)_(test|live)_/)
      expect(text).not.toMatch(/whsec_/)

      // The URL really serves Stripe.js.
      const script = await fetch(response.data.new_card.stripe_js_url)
      expect(script.headers.get("content-type")).toMatch(/^application\/javascript/)
    })

    it("charges a new card made by Stripe.js with the publishable key, without keeping it", async () => {
      const order = await createUnpaidOrder(getContainer(), { amount: 100 })
      const card = await typedCard("4242 4242 4242 4242")
      expect(card.id).toMatch(/^pm_/)

      const response = await charge(order.id, { amount: 60, payment_method: card.id })
      expect(response.status).toBe(201)
      expect(response.data.charge).toMatchObject({ status: "succeeded", amount: 60, card_brand: "visa", card_last4: "4242" })
      expect(response.data.order).toMatchObject({ outstanding: 40, payment_status: "partially_captured" })

      const [intent] = await intentsFor(order.id)
      expect(intent).toMatchObject({ amount: 6000, status: "succeeded", payment_method: card.id, customer: null })
      expect(intent.setup_future_usage).toBeNull()
      expect((await summary(order.id)).cards_on_file).toEqual([])
    })

    it("saves a new card for a customer without a Stripe customer, who then has it on file for the next charge", async () => {
      const customer = await customerWithoutStripe("carla.new-card@example.test")
      const order = await createUnpaidOrder(getContainer(), { amount: 100, email: customer.email, customer_id: customer.id })
      expect((await summary(order.id)).cards_on_file).toEqual([])
      expect(await accountHoldersOf(customer.id)).toEqual([])

      const card = await typedCard("5555 5555 5555 4444")
      const first = await charge(order.id, { amount: 30, payment_method: card.id, save_card: true })
      expect(first.status).toBe(201)
      expect(first.data.charge).toMatchObject({ status: "succeeded", card_brand: "mastercard", card_last4: "4444" })

      const holders = await accountHoldersOf(customer.id)
      expect(holders).toHaveLength(1)
      expect(holders[0]).toMatchObject({ provider_id: PROVIDER_ID, external_id: expect.stringMatching(/^cus_/) })
      const stripeCustomer = (await stripe.customers.retrieve(holders[0].external_id)) as Stripe.Customer
      expect(stripeCustomer).toMatchObject({ email: customer.email, name: "Carla Diaz" })
      const [intent] = await intentsFor(order.id)
      expect(intent).toMatchObject({ customer: holders[0].external_id, setup_future_usage: "off_session", payment_method: card.id })

      const after = await summary(order.id)
      expect(after.cards_on_file).toEqual([{ id: card.id, brand: "mastercard", last4: "4444", exp_month: 12, exp_year: nextYear }])

      // The next charge takes the saved card, off-session, as a card on file.
      const second = await charge(order.id, { amount: 70, payment_method: after.cards_on_file[0].id })
      expect(second.status).toBe(201)
      expect(second.data.order).toMatchObject({ outstanding: 0, payment_status: "captured" })
      expect(await accountHoldersOf(customer.id)).toHaveLength(1)
    })

    it("adds a new card to a customer's existing Stripe customer, and keeps nothing when not asked to", async () => {
      const {
        customer,
        stripeCustomerId,
        card: onFile,
      } = await createCustomerWithCardOnFile(getContainer(), stripe, "rita.new-card@example.test")
      const order = await createUnpaidOrder(getContainer(), { amount: 100, email: customer.email, customer_id: customer.id })

      const once = await typedCard("4000 0566 5566 5556")
      expect((await charge(order.id, { amount: 10, payment_method: once.id })).status).toBe(201)
      expect((await summary(order.id)).cards_on_file.map((c: { id: string }) => c.id)).toEqual([onFile.id])

      const kept = await typedCard("5555 5555 5555 4444")
      expect((await charge(order.id, { amount: 10, payment_method: kept.id, save_card: true })).status).toBe(201)
      const cards = (await summary(order.id)).cards_on_file.map((c: { id: string }) => c.id)
      expect(cards.sort()).toEqual([onFile.id, kept.id].sort())
      const holders = await accountHoldersOf(customer.id)
      expect(holders.map((h) => h.external_id)).toEqual([stripeCustomerId])
    })

    it("makes one Stripe customer when two charges save cards for the same customer at once", async () => {
      const customer = await customerWithoutStripe("twice@example.test")
      const [a, b] = await Promise.all([
        createUnpaidOrder(getContainer(), { amount: 40, email: customer.email, customer_id: customer.id }),
        createUnpaidOrder(getContainer(), { amount: 40, email: customer.email, customer_id: customer.id }),
      ])
      const [cardA, cardB] = await Promise.all([typedCard("4242424242424242"), typedCard("5555555555554444")])
      const responses = await Promise.all([
        charge(a.id, { amount: 40, payment_method: cardA.id, save_card: true }),
        charge(b.id, { amount: 40, payment_method: cardB.id, save_card: true }),
      ])
      expect(responses.map((r) => r.status)).toEqual([201, 201])
      const holders = await accountHoldersOf(customer.id)
      expect(holders).toHaveLength(1)
      const saved = await stripe.customers.listPaymentMethods(holders[0].external_id, { type: "card" })
      expect(saved.data.map((m) => m.id).sort()).toEqual([cardA.id, cardB.id].sort())
      const madeForThem = (await stripe.customers.list({ email: customer.email, limit: 10 })).data
      expect(madeForThem).toHaveLength(1)
    })

    it("refuses to save a card on a guest order with a 400 saying why, before anything reaches Stripe", async () => {
      const order = await guestOrder(100)
      const card = await typedCard("4242424242424242", "Gus Guest")
      sandbox.current().clearRequests()

      const response = await charge(order.id, { amount: 20, payment_method: card.id, save_card: true })
      expect(response.status).toBe(400)
      expect(response.data.message).toMatch(/no customer \(a guest order\).*Charge it without saving it/)
      expect(
        sandbox
          .current()
          .requests()
          .filter((r) => r.method === "POST")
      ).toEqual([])
      expect((await summary(order.id)).order.outstanding).toBe(100)

      // Without save_card the same card is charged.
      expect((await charge(order.id, { amount: 20, payment_method: card.id })).status).toBe(201)
    })

    it("rejects a save_card that is not a boolean", async () => {
      const order = await createUnpaidOrder(getContainer(), { amount: 100 })
      for (const value of ["yes", 1, null]) {
        const response = await charge(order.id, { amount: 10, payment_method: "pm_card_visa", save_card: value })
        expect({ value, status: response.status }).toEqual({ value, status: 400 })
        expect(response.data.message).toMatch(/save_card/)
      }
    })
  },
})
