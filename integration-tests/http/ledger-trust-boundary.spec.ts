import Stripe from "stripe"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createAdminHeaders } from "../helpers/admin"
import { payOnSandboxCheckout, pressPay } from "../helpers/checkout"
import { createUnpaidOrder } from "../helpers/orders"
import { SANDBOX_API_KEY, useSandbox } from "../helpers/sandbox"
import { checkoutThroughStore, createRegionWithProducts, type SeededStore } from "../helpers/store"
import {
  checkoutSessionIdOf,
  guessedAttemptKey,
  linkStatus,
  notAccepted,
  nothingPaid,
  orderMoney,
  redeliver,
  stripeEventsAbout,
  unpaid,
  waitForState,
  WEBHOOK_QUEUE_MS,
} from "../helpers/trust-boundary"
import { sleep, WEBHOOK_PATH } from "../reliability/helpers"

/**
 * Issue 14's trust boundary, tried as an attacker would: money is recorded on an order only when it
 * matches something the server wrote before Stripe was called. A storefront session's `data`, a
 * PaymentIntent or Checkout Session made straight through Stripe's API with the plugin's metadata,
 * and every recovery path (webhook and its redeliveries, reconciliation, a charge retry) must leave
 * someone else's order untouched. Each test first proves the money really moved at Stripe.
 */

jest.setTimeout(300_000)

const sandbox = useSandbox()

type Answer = { status: number; data: Record<string, unknown> }

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    let headers: Record<string, string>
    let stripe: Stripe
    let baseURL: string

    const post = (path: string, body: unknown, extra: Record<string, string> = {}): Promise<Answer> =>
      api.post(path, body, { headers: { ...headers, ...extra } }).catch((e: { response: Answer }) => e.response)
    const reconcile = () => post("/admin/stripe-collect/reconcile", {})
    const charge = (orderId: string, amount: number, key: string) =>
      post(`/admin/stripe-collect/orders/${orderId}/charges`, { amount, payment_method: "pm_card_visa" }, { "idempotency-key": key })
    const money = (orderId: string) => orderMoney(api, headers, orderId)

    /** Stripe's webhooks reach the shop, each delivered twice. */
    function deliverStripeWebhooksTwice() {
      const s = sandbox.current()
      s.setWebhookUrl(`${baseURL}${WEBHOOK_PATH}`)
      s.addWebhookFault({ mode: "duplicate", times: 50 })
    }

    /**
     * An admin charges the order with an Idempotency-Key and Stripe never receives it (the connection
     * drops), then retries with the same key, still unanswered: both run the lost-answer recovery,
     * which asks Stripe what it has for this order and this attempt. No money is taken by either.
     */
    async function chargeRetryThatReachesNoStripe(orderId: string, amount: number, key: string) {
      const s = sandbox.current()
      s.clearRequests()
      s.addFault({ method: "POST", path: "/v1/payment_intents", times: "always", dropConnection: true })
      try {
        const first = await charge(orderId, amount, key)
        expect({ first: first.status }).toEqual({ first: 502 })
        const retry = await charge(orderId, amount, key)
        // Whatever the retry answers (502 again, 409 "still waiting"), it must not be a success.
        expect({ retry: retry.status, ok: [200, 201].includes(retry.status) }).toEqual({ retry: retry.status, ok: false })
      } finally {
        s.clearFaults()
      }
      // The charge did reach the point of calling Stripe (and Stripe never processed it).
      const tried = s.requests().filter((r) => r.method === "POST" && r.path === "/v1/payment_intents")
      expect(tried.length).toBeGreaterThan(0)
      expect(tried.every((r) => r.fault !== null)).toBe(true)
    }

    beforeAll(async () => {
      store = await createRegionWithProducts(getContainer(), [{ currency: "usd", country: "us", prices: [130] }])
    })

    beforeEach(async () => {
      ;({ headers } = await createAdminHeaders(getContainer()))
      const s = sandbox.current()
      stripe = new Stripe(SANDBOX_API_KEY, { ...s.stripe, maxNetworkRetries: 0 })
      baseURL = api.defaults.baseURL as string
      s.clearFaults()
      s.setWebhookUrl(null)
      await post("/admin/stripe-collect/settings", { store_name: "Acme", error_email: "alerts@acme.test" })
    })

    /**
     * The storefront attack: a customer's own cart, paid by card, with the plugin's keys in the
     * session's data; then every path that could "recover" that payment onto order A.
     */
    async function storefrontAttack(
      victimTotal: number,
      paymentData: (victim: { id: string; display_id: number }) => Record<string, unknown>
    ) {
      const s = sandbox.current()
      deliverStripeWebhooksTwice()
      const victim = await createUnpaidOrder(getContainer(), { amount: victimTotal, email: "victim@example.test" })
      expect(await money(victim.id)).toMatchObject(unpaid(victimTotal))

      s.clearRequests()
      const data = paymentData({ id: victim.id, display_id: Number(victim.display_id) })
      const checkout = await checkoutThroughStore(api, store, {
        currency: "usd",
        price: 130,
        email: "attacker@evil.test",
        paymentData: { payment_method: "pm_card_visa", ...data },
      }).catch((error: { response?: { status: number; data: unknown } }) => {
        throw new Error(`The attacker could not pay their own cart: ${error.response?.status} ${JSON.stringify(error.response?.data)}`)
      })
      const checkoutRequests = s.requests()
      if (checkout.completion.type !== "order") {
        throw new Error(`The attacker's own cart did not become an order: ${JSON.stringify(checkout.completion.error)}`)
      }
      const attackerOrder = checkout.completion.order
      expect(Number(attackerOrder.total)).toBe(130)

      // The attacker's money really went through at Stripe, for their own order.
      const own = await money(attackerOrder.id)
      expect({ attackers_own_order: own }).toMatchObject({
        attackers_own_order: { payment_status: "captured", paid_total: 130, payments: [expect.objectContaining({ captured: 130 })] },
      })
      const intentId = String(own.payments[0].data.id ?? own.payments[0].data.payment_intent_id)
      expect(intentId).toMatch(/^pi_/)
      const paid = await stripe.paymentIntents.retrieve(intentId)
      expect(paid).toMatchObject({ status: "succeeded", amount_received: 13000, currency: "usd" })

      // Stripe's webhooks arrived (twice each) and passed the signature check; then Stripe redelivers them all.
      await s.webhooksSettled()
      const events = await stripeEventsAbout(stripe, [intentId])
      const succeeded = events.filter((e) => e.type === "payment_intent.succeeded")
      expect(succeeded).toHaveLength(1)
      const deliveries = s.webhookDeliveries().filter((d) => d.eventId === succeeded[0].id)
      expect(deliveries.filter((d) => notAccepted([d.status ?? 0]).length === 0).length).toBeGreaterThanOrEqual(2)
      expect(notAccepted(await redeliver(baseURL, events, 2))).toEqual([])
      await sleep(WEBHOOK_QUEUE_MS)
      const victimAfter = async (path: string) => ({ after: path, victim: await money(victim.id) })
      expect(await victimAfter("webhooks")).toMatchObject({ after: "webhooks", victim: unpaid(victimTotal) })

      // "Check Stripe now", then the admin charging A, losing the answer and retrying with the same key.
      expect((await reconcile()).status).toBe(200)
      expect(await victimAfter("reconcile")).toMatchObject({ after: "reconcile", victim: unpaid(victimTotal) })
      await chargeRetryThatReachesNoStripe(victim.id, 130, "charge-a-retry")
      expect((await reconcile()).status).toBe(200)
      await sleep(WEBHOOK_QUEUE_MS)
      expect(await victimAfter("charge retry")).toMatchObject({ after: "charge retry", victim: unpaid(victimTotal) })

      return { victim, attackerOrder, intentId, checkout, checkoutRequests }
    }

    async function expectOnlyTheAttackersOwnOrderPaid(victim: { id: string }, victimTotal: number, attackerOrderId: string) {
      expect({ victim: await money(victim.id) }).toMatchObject({ victim: unpaid(victimTotal) })
      const own = await money(attackerOrderId)
      expect(own).toMatchObject({ payment_status: "captured", paid_total: 130, outstanding: 0 })
      expect(own.payments.map((p) => ({ amount: p.amount, captured: p.captured }))).toEqual([{ amount: 130, captured: 130 }])
    }

    it("the issue's attack: a storefront session naming another order and the admin-charge flow pays only the attacker's cart", async () => {
      const { victim, attackerOrder, intentId, checkout } = await storefrontAttack(250, (victim) => ({
        order_id: victim.id,
        metadata: { stripe_collect_flow: "admin_charge", order_id: victim.id },
      }))

      await expectOnlyTheAttackersOwnOrderPaid(victim, 250, attackerOrder.id)
      const intent = await stripe.paymentIntents.retrieve(intentId)
      expect(intent.metadata.order_id).not.toBe(victim.id)
      expect(intent.metadata.stripe_collect_flow).not.toBe("admin_charge")
      expect(intent.metadata.session_id).toBe(checkout.payment_session_id)
    })

    it("every plugin key a storefront puts in a session's data is ignored: Stripe sees only what the server wrote", async () => {
      const attempt = (victimId: string) => guessedAttemptKey(victimId, "charge-a-retry")
      let injected: Record<string, unknown> = {}
      const { victim, attackerOrder, intentId, checkout, checkoutRequests } = await storefrontAttack(250, (victim) => {
        injected = {
          order_id: victim.id,
          order_display_id: String(victim.display_id),
          payment_link_id: "plink_evil",
          payment_collection_id: "pay_col_evil",
          session_id: "sess_evil",
          capture_method: "manual",
          receipt_email: "x@evil.test",
          description: "evil",
          idempotency_key: "evil-idempotency-key",
          deferred: true,
          charge_on_authorize: true,
          capture_through_medusa: true,
          adopted: true,
          adopt_payment_intent: "pi_evil",
          stripe_account: "acct_evil",
          off_session: true,
          moto: true,
          metadata: {
            stripe_collect: "1",
            stripe_collect_flow: "admin_charge",
            stripe_collect_attempt: attempt(victim.id),
            order_id: victim.id,
            order_display_id: String(victim.display_id),
            payment_link_id: "x",
            payment_collection_id: "pay_col_evil",
            session_id: "sess_evil",
          },
        }
        return injected
      })

      await expectOnlyTheAttackersOwnOrderPaid(victim, 250, attackerOrder.id)

      const intent = await stripe.paymentIntents.retrieve(intentId)
      // No plugin key at Stripe holds the caller's value; the session id is Medusa's own.
      const callerMetadata = injected.metadata as Record<string, string>
      const carried = Object.entries(callerMetadata)
        .filter(([key]) => key !== "stripe_collect") // "1" is the plugin's own marker value too
        .filter(([key, value]) => intent.metadata[key] === value)
        .map(([key]) => key)
      expect({ plugin_keys_with_caller_values: carried }).toEqual({ plugin_keys_with_caller_values: [] })
      expect(intent.metadata.order_id).not.toBe(victim.id)
      expect(intent.metadata.stripe_collect_flow).not.toBe("admin_charge")
      expect(intent.metadata.stripe_collect_attempt).not.toBe(attempt(victim.id))
      expect(intent.metadata.session_id).toBe(checkout.payment_session_id)
      // Neither the top-level copies of those keys nor the PaymentIntent's own settings are the caller's.
      for (const key of ["payment_link_id", "payment_collection_id", "order_display_id"]) {
        expect({ [key]: intent.metadata[key] }).not.toEqual({ [key]: injected[key] })
      }
      expect(intent.capture_method).not.toBe("manual")
      expect(intent.receipt_email).not.toBe("x@evil.test")
      expect(intent.description).not.toBe("evil")

      // The checkout's calls to Stripe: not on the caller's account, not off-session or MOTO, not the caller's key.
      const toStripe = checkoutRequests.map((r) => ({
        path: r.path,
        account: r.account,
        idempotencyKey: r.idempotencyKey ?? "",
        off_session: (r.params as { off_session?: unknown }).off_session ?? null,
        moto: JSON.stringify(r.params).includes('"moto"'),
      }))
      expect(toStripe.length).toBeGreaterThan(0)
      expect(toStripe.filter((r) => r.account !== null)).toEqual([])
      expect(toStripe.filter((r) => r.off_session !== null || r.moto)).toEqual([])
      expect(toStripe.filter((r) => r.idempotencyKey.includes("evil-idempotency-key"))).toEqual([])
    })

    it("a PaymentIntent made straight through Stripe's API with an order's id and the admin-charge flow is recorded by no path", async () => {
      const s = sandbox.current()
      deliverStripeWebhooksTwice()
      const order = await createUnpaidOrder(getContainer(), { amount: 250, email: "owed@example.test" })

      const forged = await stripe.paymentIntents.create({
        amount: 25000,
        currency: "usd",
        payment_method: "pm_card_visa",
        confirm: true,
        automatic_payment_methods: { enabled: true, allow_redirects: "never" },
        metadata: {
          stripe_collect: "1",
          stripe_collect_flow: "admin_charge",
          order_id: order.id,
          order_display_id: String(order.display_id),
          stripe_collect_attempt: `stripe-collect-charge-${order.id}-made-up-by-someone`,
        },
      })
      // Stripe took the money.
      expect(forged).toMatchObject({ status: "succeeded", amount_received: 25000 })

      // Stripe's webhook, delivered twice and then redelivered.
      await s.webhooksSettled()
      const events = await stripeEventsAbout(stripe, [forged.id])
      expect(events.map((e) => e.type)).toContain("payment_intent.succeeded")
      const accepted = s
        .webhookDeliveries()
        .filter((d) => events.some((e) => e.id === d.eventId) && notAccepted([d.status ?? 0]).length === 0)
      expect(accepted.length).toBeGreaterThanOrEqual(events.length)
      expect(notAccepted(await redeliver(baseURL, events, 2))).toEqual([])
      await sleep(WEBHOOK_QUEUE_MS)
      expect({ after: "webhook", ...(await money(order.id)) }).toMatchObject({ after: "webhook", ...unpaid(250) })
      // Ignored, and counted where the merchant looks: Settings → Stripe, webhook health.
      const health = (await api.get("/admin/stripe-collect/settings", { headers })).data.settings.webhook
      expect(health.ignored_events_24h).toBeGreaterThanOrEqual(1)

      expect((await reconcile()).status).toBe(200)
      expect({ after: "reconcile", ...(await money(order.id)) }).toMatchObject({ after: "reconcile", ...unpaid(250) })

      await chargeRetryThatReachesNoStripe(order.id, 250, "charge-after-forgery")
      expect({ after: "charge retry", ...(await money(order.id)) }).toMatchObject({ after: "charge retry", ...unpaid(250) })

      // The order is payable and recording works: a real charge counts, the forged payment still does not.
      const real = await charge(order.id, 30, "a-real-charge")
      expect(real.status).toBe(201)
      expect((await reconcile()).status).toBe(200)
      expect(await money(order.id)).toMatchObject({ payment_status: "partially_captured", paid_total: 30, outstanding: 220 })
      expect((await money(order.id)).payments.map((p) => p.captured)).toEqual([30])
    })

    it("a Checkout Session made straight through Stripe's API with a real link's metadata is recorded by no path", async () => {
      const s = sandbox.current()
      deliverStripeWebhooksTwice()
      const order = await createUnpaidOrder(getContainer(), { amount: 250, email: "linked@example.test" })
      const created = await post(`/admin/stripe-collect/orders/${order.id}/payment-links`, { amount: 100 })
      expect(created.status).toBe(201)
      const link = created.data.payment_link as { id: string; url: string }

      // The link's own Checkout exists (the customer pressed Pay); someone copies it exactly, with Stripe's API.
      const realCheckoutUrl = await pressPay(link.url)
      const real = await stripe.checkout.sessions.retrieve(checkoutSessionIdOf(realCheckoutUrl))
      expect(real.metadata?.payment_link_id).toBe(link.id)
      const forged = await stripe.checkout.sessions.create({
        mode: "payment",
        line_items: [{ quantity: 1, price_data: { currency: "usd", unit_amount: 10000, product_data: { name: "Order payment" } } }],
        metadata: { ...real.metadata },
        payment_intent_data: { metadata: { ...real.metadata } },
        success_url: real.success_url ?? `${link.url}/return?session_id={CHECKOUT_SESSION_ID}`,
        cancel_url: real.cancel_url ?? link.url,
      })
      // Paid on Stripe's page, and the customer is sent back to the link's return URL with the forged session's id.
      const back = await payOnSandboxCheckout(forged.url!, "4242424242424242")
      expect(back.url).toContain(forged.id)
      const paidForged = await stripe.checkout.sessions.retrieve(forged.id, { expand: ["payment_intent"] })
      expect(paidForged.payment_status).toBe("paid")
      expect(paidForged.payment_intent).toMatchObject({ status: "succeeded", amount_received: 10000 })
      const forgedIntentId = (paidForged.payment_intent as Stripe.PaymentIntent).id

      // The return URL again, by hand.
      const returned = await fetch(back.url)
      const returnedPage = await returned.text()
      expect({ status: returned.status, page: returnedPage.includes("payment received") }).not.toEqual({ status: 200, page: true })
      expect(back.html).not.toContain("payment received")

      // Stripe's webhooks (twice each), redelivered, then "Check Stripe now".
      await s.webhooksSettled()
      const events = await stripeEventsAbout(stripe, [forged.id, forgedIntentId])
      expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(["checkout.session.completed", "payment_intent.succeeded"]))
      expect(notAccepted(await redeliver(baseURL, events, 2))).toEqual([])
      await sleep(WEBHOOK_QUEUE_MS)
      expect((await reconcile()).status).toBe(200)

      expect(await money(order.id)).toMatchObject(nothingPaid(250))
      expect(await linkStatus(api, headers, order.id, link.id)).not.toBe("paid")

      // The link's real Checkout, paid, is recorded by Stripe's webhook: the path works, the copy never counted.
      const paidReal = await payOnSandboxCheckout(realCheckoutUrl, "4242424242424242", { followReturn: false })
      expect(paidReal.status).toBe(303)
      await waitForState(
        () => money(order.id),
        (m) => m.paid_total > 0,
        "the real link payment recorded by the webhook",
        60_000
      )
      await sleep(WEBHOOK_QUEUE_MS)
      expect(await money(order.id)).toMatchObject({ payment_status: "partially_captured", paid_total: 100, outstanding: 150 })
      expect(await linkStatus(api, headers, order.id, link.id)).toBe("paid")
    })
  },
})
