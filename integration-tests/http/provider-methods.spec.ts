import { capturePaymentWorkflow, createOrderPaymentCollectionWorkflow, createPaymentSessionsWorkflow } from "@medusajs/core-flows"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type Stripe from "stripe"
import { createStripeClient } from "../../src/stripe/client"
import { createAdminHeaders } from "../helpers/admin"
import { SANDBOX_API_KEY, useSandbox } from "../helpers/sandbox"
import {
  checkoutThroughStore,
  createOrder,
  createRegionWithProducts,
  registerCustomer,
  sessionByServer,
  STRIPE_COLLECT_PROVIDER_ID,
  type SeededStore,
} from "../helpers/store"

jest.setTimeout(300_000)

const sandbox = useSandbox()

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    let admin: { headers: Record<string, string> }
    let stripe: Stripe

    beforeAll(async () => {
      store = await createRegionWithProducts(getContainer(), [{ currency: "usd", country: "us", prices: [19.99, 60] }])
      admin = { headers: (await createAdminHeaders(getContainer())).headers }
      stripe = createStripeClient({ apiKey: SANDBOX_API_KEY, apiBase: sandbox.current().stripe, maxNetworkRetries: 0 })
    })

    afterEach(() => {
      sandbox.current().clearFaults()
    })

    async function httpFailureOf(request: Promise<unknown>): Promise<{ status: number; data: { message: string } }> {
      try {
        await request
      } catch (error) {
        const response = (error as { response?: { status: number; data: { message: string } } }).response
        if (response) return response
        throw error
      }
      throw new Error("Expected the request to fail")
    }

    async function paymentOfOrder(orderId: string) {
      const { data } = await api.get(
        `/admin/orders/${orderId}?fields=payment_status,*payment_collections,*payment_collections.payments`,
        admin
      )
      const payments = data.order.payment_collections.flatMap(
        (c: { payments: Array<{ id: string; canceled_at: string | null; data: Record<string, unknown> }> }) => c.payments
      )
      return { payment_status: data.order.payment_status as string, payment: payments[0] }
    }

    it("a logged-in customer's checkout creates their Stripe customer once and charges on it", async () => {
      const customer = await registerCustomer(api, store, { email: "ada@example.com" })
      const checkout = await checkoutThroughStore(api, store, {
        currency: "usd",
        price: 19.99,
        customer,
        paymentData: { payment_method: "pm_card_visa" },
      })
      expect(checkout.completion.type).toBe("order")

      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data: holders } = await query.graph({
        entity: "account_holder",
        fields: ["id", "external_id"],
        filters: { provider_id: STRIPE_COLLECT_PROVIDER_ID },
      })
      expect(holders).toHaveLength(1)
      const stripeCustomer = await stripe.customers.retrieve(holders[0].external_id)
      expect(stripeCustomer).toMatchObject({
        email: "ada@example.com",
        name: "Ada Lovelace",
        metadata: { stripe_collect: "1", medusa_customer_id: customer.id },
      })
      const session = await getContainer().resolve(Modules.PAYMENT).retrievePaymentSession(checkout.payment_session_id)
      const intent = await stripe.paymentIntents.retrieve(String(session.data.id))
      expect(intent.customer).toBe(holders[0].external_id)
      expect(intent.metadata.medusa_customer_id).toBe(customer.id)

      // A second checkout reuses the account holder: no second Stripe customer.
      sandbox.current().clearRequests()
      await checkoutThroughStore(api, store, { currency: "usd", price: 19.99, customer, paymentData: { payment_method: "pm_card_visa" } })
      expect(
        sandbox
          .current()
          .requests()
          .filter((r) => r.path === "/v1/customers")
      ).toEqual([])
    })

    it("saves, lists and deletes a customer's card through the payment module", async () => {
      const payment = getContainer().resolve(Modules.PAYMENT)
      const holder = await payment.createAccountHolder({
        provider_id: STRIPE_COLLECT_PROVIDER_ID,
        context: { customer: { id: "cus_medusa_1", email: "grace@example.com", first_name: "Grace", last_name: "Hopper" } },
      })
      expect(holder.external_id).toMatch(/^cus_/)

      const saved = await payment.createPaymentMethods({
        provider_id: STRIPE_COLLECT_PROVIDER_ID,
        data: { payment_method: "pm_card_mastercard" },
        context: { account_holder: holder, idempotency_key: "save-card-1" },
      })
      expect(saved.data).toMatchObject({ status: "succeeded", customer: holder.external_id })
      const setupIntent = await stripe.setupIntents.retrieve(saved.id)
      expect(setupIntent.metadata).toMatchObject({ stripe_collect: "1" })

      const cards = await payment.listPaymentMethods({ provider_id: STRIPE_COLLECT_PROVIDER_ID, context: { account_holder: holder } })
      expect(cards).toHaveLength(1)
      expect(cards[0].data).toMatchObject({ type: "card", card: { brand: "mastercard", last4: "4444" } })

      await payment.deletePaymentMethods([
        { provider_id: STRIPE_COLLECT_PROVIDER_ID, id: cards[0].id, context: { account_holder: holder } },
      ])
      expect(await payment.listPaymentMethods({ provider_id: STRIPE_COLLECT_PROVIDER_ID, context: { account_holder: holder } })).toEqual([])

      await payment.updateAccountHolder({
        id: holder.id,
        provider_id: STRIPE_COLLECT_PROVIDER_ID,
        context: {
          account_holder: holder,
          customer: { id: "cus_medusa_1", email: "grace.hopper@example.com", first_name: "Grace", last_name: "Hopper" },
        },
      })
      expect((await stripe.customers.retrieve(holder.external_id)) as Stripe.Customer).toMatchObject({ email: "grace.hopper@example.com" })

      await payment.deleteAccountHolder(holder.id)
      expect(await stripe.customers.retrieve(holder.external_id)).toMatchObject({ deleted: true })
    })

    it("canceling an order with an authorized payment cancels the PaymentIntent at Stripe", async () => {
      const checkout = await checkoutThroughStore(api, store, {
        currency: "usd",
        price: 60,
        paymentData: { payment_method: "pm_card_visa" },
        // Authorize only: the shop's backend chooses the capture method (trusted context), not the storefront.
        createSession: sessionByServer(getContainer(), { capture_method: "manual" }),
      })
      if (checkout.completion.type !== "order") throw new Error(JSON.stringify(checkout.completion.error))
      const orderId = checkout.completion.order.id
      const { payment } = await paymentOfOrder(orderId)

      await api.post(`/admin/orders/${orderId}/cancel`, {}, admin)
      const intent = await stripe.paymentIntents.retrieve(String(payment.data.id))
      expect(intent.status).toBe("canceled")
      expect(intent.amount_capturable).toBe(0)
      expect((await paymentOfOrder(orderId)).payment.canceled_at).not.toBeNull()
    })

    it("a confirmation whose answer is lost is retried with the same idempotency key: one charge, order placed", async () => {
      sandbox.current().addFault({ method: "POST", path: "/v1/payment_intents/*/confirm", timeoutAfterProcessing: true, times: 1 })
      sandbox.current().clearRequests()
      const checkout = await checkoutThroughStore(api, store, {
        currency: "usd",
        price: 19.99,
        paymentData: { payment_method: "pm_card_visa" },
      })
      expect(checkout.completion.type).toBe("order")

      const confirms = sandbox
        .current()
        .requests()
        .filter((r) => r.path.endsWith("/confirm"))
      expect(confirms.length).toBe(2)
      expect(new Set(confirms.map((r) => r.idempotencyKey)).size).toBe(1)
      expect(confirms[1].replayed).toBe(true)
      const intentId = confirms[0].path.split("/")[3]
      const charges = await stripe.charges.list({ payment_intent: intentId })
      expect(charges.data).toHaveLength(1)
      expect(charges.data[0].amount).toBe(1999)
    })

    it("when Stripe cannot be reached the checkout says the outcome is unknown, places no order, and a later try charges once", async () => {
      sandbox.current().addFault({ method: "POST", path: "/v1/payment_intents/*/confirm", dropConnection: true, times: "always" })
      const failed = await httpFailureOf(
        checkoutThroughStore(api, store, { currency: "usd", price: 19.99, paymentData: { payment_method: "pm_card_visa" } })
      )
      expect(failed.status).toBeGreaterThanOrEqual(500)
      expect(failed.data.message).toMatch(/Stripe did not answer while trying to confirm the payment/)
      expect(failed.data.message).toMatch(/do not charge again/)

      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data: carts } = await query.graph({ entity: "cart", fields: ["id", "completed_at"] })
      expect(carts).toHaveLength(1)
      expect(carts[0].completed_at).toBeNull()
      const { data: orders } = await api.get(`/admin/orders?fields=id`, admin)
      expect(orders.orders).toHaveLength(0)

      // Stripe is back: completing the same cart again confirms once, with the same key.
      sandbox.current().clearFaults()
      sandbox.current().clearRequests()
      const { data: completion } = await api.post(`/store/carts/${carts[0].id}/complete`, {}, { headers: store.storeHeaders })
      expect(completion.type).toBe("order")
      const confirms = sandbox
        .current()
        .requests()
        .filter((r) => r.path.endsWith("/confirm"))
      expect(confirms).toHaveLength(1)
      const charges = await stripe.charges.list({ payment_intent: confirms[0].path.split("/")[3] })
      expect(charges.data.map((c) => c.amount)).toEqual([1999])
    })

    it("charges on a connected account when trusted server code names it; every call carries Stripe-Account", async () => {
      const response = await fetch(`${sandbox.current().url}/_sandbox/accounts`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name: "Connected Store" }),
      })
      const { stripe_user_id: account } = (await response.json()) as { stripe_user_id: string }
      const container = getContainer()
      const order = await createOrder(container, { currency: "usd", total: 60, store })
      const { result: collections } = await createOrderPaymentCollectionWorkflow(container).run({
        input: { order_id: order.id, amount: 60 },
      })

      sandbox.current().clearRequests()
      const { result: session } = await createPaymentSessionsWorkflow(container).run({
        input: {
          payment_collection_id: collections[0].id,
          provider_id: STRIPE_COLLECT_PROVIDER_ID,
          data: { payment_method: "pm_card_visa" },
          context: { stripe_account: account, capture_method: "manual" },
        },
      })
      const payment = container.resolve(Modules.PAYMENT)
      const authorized = await payment.authorizePaymentSession(session.id, {})
      if (!authorized) throw new Error("The session was not authorized")
      await payment.capturePayment({ payment_id: authorized.id, amount: 60 })
      await payment.refundPayment({ payment_id: authorized.id, amount: 10 })

      const calls = sandbox.current().requests()
      expect(calls.map((c) => c.path.replace(/(pi|re)_\w+/g, "{id}"))).toEqual([
        "/v1/payment_intents",
        "/v1/payment_intents/{id}/confirm",
        "/v1/payment_intents/{id}",
        "/v1/payment_intents/{id}/capture",
        "/v1/refunds",
      ])
      expect(calls.every((c) => c.account === account)).toBe(true)
      const intent = await stripe.paymentIntents.retrieve(String(session.data.id), {}, { stripeAccount: account })
      expect(intent).toMatchObject({ amount_received: 6000, status: "succeeded" })
      await expect(stripe.paymentIntents.retrieve(String(session.data.id))).rejects.toThrow(/No such payment_intent/)
    })

    it("ignores a connected account a storefront puts in the session's data", async () => {
      sandbox.current().clearRequests()
      const checkout = await checkoutThroughStore(api, store, {
        currency: "usd",
        price: 19.99,
        paymentData: { payment_method: "pm_card_visa", stripe_account: "acct_someone_else", moto: true, off_session: true },
      })
      expect(checkout.completion.type).toBe("order")
      expect(
        sandbox
          .current()
          .requests()
          .every((c) => c.account === null)
      ).toBe(true)
      const confirm = sandbox
        .current()
        .requests()
        .find((c) => c.path.endsWith("/confirm"))
      expect(confirm?.params).not.toHaveProperty("off_session")
      expect(confirm?.params).not.toHaveProperty("payment_method_options")
    })

    /** A card payment Stripe took outside Medusa's payment flow (as the admin charge does, through the gateway). */
    async function paymentStripeTook(amount: number) {
      return stripe.paymentIntents.create({
        amount,
        currency: "usd",
        payment_method: "pm_card_visa",
        confirm: true,
        automatic_payment_methods: { enabled: true, allow_redirects: "never" },
        metadata: { stripe_collect: "1" },
        expand: ["payment_method"],
      })
    }

    async function orderCollection(total: number) {
      const container = getContainer()
      const order = await createOrder(container, { currency: "usd", total, store })
      const { result: collections } = await createOrderPaymentCollectionWorkflow(container).run({
        input: { order_id: order.id, amount: total },
      })
      return { order, collectionId: collections[0].id }
    }

    it("records a payment Stripe already took (adopt_payment_intent): session, authorization and capture without one Stripe call", async () => {
      const intent = await paymentStripeTook(6000)
      expect(intent.status).toBe("succeeded")
      const { order, collectionId } = await orderCollection(60)
      const container = getContainer()

      sandbox.current().clearRequests()
      const { result: session } = await createPaymentSessionsWorkflow(container).run({
        input: {
          payment_collection_id: collectionId,
          provider_id: STRIPE_COLLECT_PROVIDER_ID,
          // A caller's keys change nothing: the session is what the trusted context says.
          data: { order_id: "order_someone_else", adopted: false },
          context: { adopt_payment_intent: intent },
        },
      })
      expect(session.status).toBe("pending")
      const payment = await container.resolve(Modules.PAYMENT).authorizePaymentSession(session.id, {})
      if (!payment) throw new Error("The adopted session was not authorized")
      await capturePaymentWorkflow(container).run({ input: { payment_id: payment.id, amount: 60 } })
      expect(sandbox.current().requests()).toEqual([])

      const { payment_status } = await paymentOfOrder(order.id)
      expect(payment_status).toBe("captured")
      expect(payment.data).toMatchObject({
        id: intent.id,
        adopted: true,
        status: "succeeded",
        amount_received: 6000,
        card: { brand: "visa", last4: "4242" },
        client_secret: null,
        order_id: null,
      })
      expect(JSON.stringify(payment.data)).not.toContain(String(intent.client_secret))
      expect((await stripe.paymentIntents.retrieve(intent.id)).amount_received).toBe(6000)
    })

    it("canceling an adopted payment calls Stripe for nothing and never refunds what Stripe took", async () => {
      const intent = await paymentStripeTook(6000)
      const { collectionId } = await orderCollection(60)
      const container = getContainer()
      const { result: session } = await createPaymentSessionsWorkflow(container).run({
        input: {
          payment_collection_id: collectionId,
          provider_id: STRIPE_COLLECT_PROVIDER_ID,
          data: {},
          context: { adopt_payment_intent: intent },
        },
      })
      const paymentModule = container.resolve(Modules.PAYMENT)
      const payment = await paymentModule.authorizePaymentSession(session.id, {})
      if (!payment) throw new Error("The adopted session was not authorized")

      sandbox.current().clearRequests()
      await paymentModule.cancelPayment(payment.id)
      expect(sandbox.current().requests()).toEqual([])
      expect((await stripe.refunds.list({ payment_intent: intent.id })).data).toEqual([])
      expect(await stripe.paymentIntents.retrieve(intent.id)).toMatchObject({ status: "succeeded", amount_received: 6000 })
    })

    it("refuses to adopt a PaymentIntent Stripe has not taken, or one given by id only", async () => {
      const open = await stripe.paymentIntents.create({
        amount: 6000,
        currency: "usd",
        automatic_payment_methods: { enabled: true, allow_redirects: "never" },
      })
      const { collectionId } = await orderCollection(60)
      for (const adopt of [open, open.id]) {
        const refused = await createPaymentSessionsWorkflow(getContainer())
          .run({
            input: {
              payment_collection_id: collectionId,
              provider_id: STRIPE_COLLECT_PROVIDER_ID,
              data: {},
              context: { adopt_payment_intent: adopt },
            },
          })
          .catch((e: unknown) => e)
        expect(refused).toMatchObject({ type: "invalid_data" })
      }
    })

    it("updates the PaymentIntent's amount when the session's amount changes before payment", async () => {
      const container = getContainer()
      const order = await createOrder(container, { currency: "usd", total: 60, store })
      const { result: collections } = await createOrderPaymentCollectionWorkflow(container).run({
        input: { order_id: order.id, amount: 60 },
      })
      const { result: session } = await createPaymentSessionsWorkflow(container).run({
        input: { payment_collection_id: collections[0].id, provider_id: STRIPE_COLLECT_PROVIDER_ID, data: {} },
      })
      const payment = container.resolve(Modules.PAYMENT)
      const updated = await payment.updatePaymentSession({ id: session.id, data: session.data, amount: 45.5, currency_code: "usd" })
      expect(updated.data).toMatchObject({ amount: 4550 })
      expect((await stripe.paymentIntents.retrieve(String(session.data.id))).amount).toBe(4550)
    })
  },
})
