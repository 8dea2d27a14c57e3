import Stripe from "stripe"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { createAdminHeaders } from "../helpers/admin"
import { createUnpaidOrder } from "../helpers/orders"
import { SANDBOX_API_KEY, SANDBOX_WEBHOOK_SECRET, useSandbox } from "../helpers/sandbox"
import { payOnSandboxCheckout, pressPay, waitFor } from "../helpers/checkout"

jest.setTimeout(300_000)

const sandbox = useSandbox()

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: Record<string, string>
    let stripe: Stripe
    let baseURL: string

    const createLink = (orderId: string, body: Record<string, unknown>) =>
      api.post(`/admin/stripe-collect/orders/${orderId}/payment-links`, body, { headers }).catch((e: any) => e.response)

    const adminOrder = async (orderId: string) =>
      (await api.get(`/admin/orders/${orderId}?fields=+payment_status,+summary`, { headers })).data.order

    const emailTo = (address: string) =>
      sandbox
        .current()
        .emails()
        .filter((e) => e.to.includes(address))

    beforeEach(async () => {
      ;({ headers } = await createAdminHeaders(getContainer()))
      const s = sandbox.current()
      stripe = new Stripe(SANDBOX_API_KEY, { ...s.stripe, maxNetworkRetries: 0 })
      baseURL = api.defaults.baseURL as string
      s.setWebhookUrl(`${baseURL}/hooks/payment/stripe-collect_default`)
    })

    it("emails a 40.00 link for a 100.00 order; paying it leaves 60 outstanding; a second link settles the rest", async () => {
      const order = await createUnpaidOrder(getContainer(), { amount: 100, email: "pay-1@example.test" })
      const created = await createLink(order.id, { amount: 40, message: "Thanks for your order!" })
      expect(created.status).toBe(201)
      const url: string = created.data.payment_link.url
      expect(url).toMatch(/\/stripe-collect\/pay\/[A-Za-z0-9_-]{43}$/)
      expect(created.data.email.sent).toBe(true)

      const [email] = emailTo("pay-1@example.test")
      expect(email.subject).toMatch(new RegExp(`#${order.display_id}`))
      expect(email.html).toContain(url)
      expect(email.html).toMatch(/\$40\.00/)
      expect(email.text).toContain("Thanks for your order!")

      const page = await fetch(url)
      expect(page.status).toBe(200)
      const html = await page.text()
      expect(html).toContain("Pay $40.00 by card")
      expect(html).not.toContain("1 Main Street")

      const checkoutUrl = await pressPay(url)
      const returned = await payOnSandboxCheckout(checkoutUrl, "4242424242424242")
      expect(returned.status).toBe(200)
      expect(returned.html).toContain("Thank you")
      expect(returned.html).toMatch(/\$40\.00/)

      const afterFirst = await adminOrder(order.id)
      expect(afterFirst.payment_status).toBe("partially_captured")
      expect(afterFirst.summary.pending_difference).toBe(60)

      const second = await createLink(order.id, {})
      expect(second.data.payment_link.amount).toBe(60)
      const returned2 = await payOnSandboxCheckout(await pressPay(second.data.payment_link.url), "4242424242424242")
      expect(returned2.html).toContain("paid in full")
      const done = await adminOrder(order.id)
      expect(done.payment_status).toBe("captured")
      expect(done.summary.pending_difference).toBe(0)

      // The token never reaches admin answers after creation, nor the stored notification.
      const summary = await api.get(`/admin/stripe-collect/orders/${order.id}`, { headers })
      const token = url.split("/").pop()!
      expect(JSON.stringify(summary.data)).not.toContain(token)
      const notifications = await getContainer().resolve(Modules.NOTIFICATION).listNotifications({ to: "pay-1@example.test" })
      expect(JSON.stringify(notifications)).not.toContain(token)
    })

    it("records a link payment once, whether the webhook arrives before, after or three times", async () => {
      const order = await createUnpaidOrder(getContainer(), { amount: 100, email: "pay-2@example.test" })
      const created = await createLink(order.id, { amount: 30 })
      const url = created.data.payment_link.url
      // Pay without following the redirect back: only webhooks can record it now.
      await payOnSandboxCheckout(await pressPay(url), "4242424242424242", { followReturn: false })
      await waitFor(async () => (await adminOrder(order.id)).summary.paid_total === 30, 30_000)

      const events = (await stripe.events.list({ limit: 100 })).data.filter(
        (e) => (e.data.object as any).metadata?.payment_link_id === created.data.payment_link.id
      )
      expect(events.length).toBeGreaterThan(0)
      for (let i = 0; i < 3; i++) {
        for (const event of events) {
          const payload = JSON.stringify(event)
          const signature = stripe.webhooks.generateTestHeaderString({ payload, secret: SANDBOX_WEBHOOK_SECRET })
          const res = await fetch(`${baseURL}/hooks/payment/stripe-collect_default`, {
            method: "POST",
            headers: { "content-type": "application/json", "stripe-signature": signature },
            body: payload,
          })
          expect(res.status).toBe(200)
        }
      }
      // And the customer's return after all of that.
      const link = (await api.get(`/admin/stripe-collect/orders/${order.id}`, { headers })).data.payment_links[0]
      expect(link.status).toBe("paid")
      await new Promise((r) => setTimeout(r, 7_000))
      const state = await adminOrder(order.id)
      expect(state.summary.paid_total).toBe(30)
      const paid = (await api.get(`/admin/stripe-collect/orders/${order.id}`, { headers })).data.activity.filter(
        (a: any) => a.status === "paid"
      )
      expect(paid).toHaveLength(1)
    })

    it("asks only for what is still outstanding after a card charge", async () => {
      const order = await createUnpaidOrder(getContainer(), { amount: 100, email: "pay-3@example.test" })
      const created = await createLink(order.id, { amount: 40 })
      const charged = await api.post(
        `/admin/stripe-collect/orders/${order.id}/charges`,
        { amount: 80, payment_method: "pm_card_visa" },
        { headers }
      )
      expect(charged.status).toBe(201)
      const html = await (await fetch(created.data.payment_link.url)).text()
      expect(html).toContain("Pay $20.00 by card")
      await payOnSandboxCheckout(await pressPay(created.data.payment_link.url), "4242424242424242")
      const state = await adminOrder(order.id)
      expect(state.summary.paid_total).toBe(100)
      expect(state.payment_status).toBe("captured")
    })

    it("never collects more than the order total through two open links", async () => {
      const order = await createUnpaidOrder(getContainer(), { amount: 100, email: "pay-10@example.test" })
      const a = (await createLink(order.id, { amount: 60 })).data.payment_link
      const b = (await createLink(order.id, { amount: 60 })).data.payment_link
      const checkoutA = await pressPay(a.url)
      const checkoutB = await pressPay(b.url)
      await payOnSandboxCheckout(checkoutA, "4242424242424242")
      // B's Checkout asked for 60 while only 40 is now owed: it was closed; pressing Pay again asks for 40.
      expect(await (await fetch(checkoutB)).text()).toMatch(/expired/i)
      expect(await (await fetch(b.url)).text()).toContain("Pay $40.00 by card")
      await payOnSandboxCheckout(await pressPay(b.url), "4242424242424242")
      const state = await adminOrder(order.id)
      expect(state.summary.paid_total).toBe(100)
      expect(state.payment_status).toBe("captured")
      const intents = (await stripe.paymentIntents.list({ limit: 100 })).data.filter(
        (pi) => pi.metadata.order_id === order.id && pi.status === "succeeded"
      )
      expect(intents.reduce((sum, pi) => sum + pi.amount_received, 0)).toBe(10000)
    })

    it("answers 410 for canceled and expired links, 404 for unknown tokens, and shows a paid order as paid", async () => {
      const order = await createUnpaidOrder(getContainer(), { amount: 100, email: "pay-4@example.test" })
      const canceled = await createLink(order.id, { amount: 10 })
      const cancel = await api.post(`/admin/stripe-collect/payment-links/${canceled.data.payment_link.id}/cancel`, {}, { headers })
      expect(cancel.data.payment_link.status).toBe("canceled")
      expect((await fetch(canceled.data.payment_link.url)).status).toBe(410)

      const soon = await createLink(order.id, { amount: 10, expires_at: new Date(Date.now() + 1500).toISOString() })
      await new Promise((r) => setTimeout(r, 2000))
      const expired = await fetch(soon.data.payment_link.url)
      expect(expired.status).toBe(410)
      expect(await expired.text()).toContain("expired")

      const unknown = await fetch(`${baseURL}/stripe-collect/pay/${"A".repeat(43)}`)
      expect(unknown.status).toBe(404)
      const tampered = await fetch(`${canceled.data.payment_link.url.slice(0, -1)}x`)
      expect(tampered.status).toBe(404)

      const rest = await createLink(order.id, {})
      await api.post(`/admin/stripe-collect/orders/${order.id}/charges`, { amount: 100, payment_method: "pm_card_visa" }, { headers })
      const paidPage = await fetch(rest.data.payment_link.url)
      expect(await paidPage.text()).toContain("This order is paid")
    })

    it("leaves the order unchanged after a declined card; the customer can try again", async () => {
      const order = await createUnpaidOrder(getContainer(), { amount: 100, email: "pay-5@example.test" })
      const created = await createLink(order.id, { amount: 50 })
      const checkoutUrl = await pressPay(created.data.payment_link.url)
      const declined = await payOnSandboxCheckout(checkoutUrl, "4000000000000002", { followReturn: false })
      expect(declined.html).toMatch(/declined/i)
      expect((await adminOrder(order.id)).summary.paid_total).toBe(0)
      await payOnSandboxCheckout(checkoutUrl, "4242424242424242")
      expect((await adminOrder(order.id)).summary.paid_total).toBe(50)
    })

    it("shows the admin's message as text, never as HTML", async () => {
      const order = await createUnpaidOrder(getContainer(), { amount: 100, email: "pay-6@example.test" })
      const message = `<script>alert("x")</script> & <b>bold</b>`
      const created = await createLink(order.id, { amount: 5, message })
      const [email] = emailTo("pay-6@example.test")
      expect(email.html).not.toContain("<script>")
      expect(email.html).toContain("&lt;script&gt;")
      const page = await (await fetch(created.data.payment_link.url)).text()
      expect(page).not.toContain("<script>")
      expect(page).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;")
    })

    it("closes the link's open Checkout when the order is paid another way", async () => {
      const order = await createUnpaidOrder(getContainer(), { amount: 100, email: "pay-7@example.test" })
      const created = await createLink(order.id, { amount: 100 })
      // The customer opens Checkout; meanwhile the admin takes the full amount by card.
      const checkoutUrl = await pressPay(created.data.payment_link.url)
      const charged = await api.post(
        `/admin/stripe-collect/orders/${order.id}/charges`,
        { amount: 100, payment_method: "pm_card_visa" },
        { headers }
      )
      expect(charged.data.order).toMatchObject({ payment_status: "captured", outstanding: 0 })
      expect(await (await fetch(created.data.payment_link.url)).text()).toContain("This order is paid")
      const pressed = await fetch(created.data.payment_link.url, { method: "POST", redirect: "manual" })
      expect(pressed.status).toBe(200)

      // Its Checkout Session was expired at Stripe: the customer cannot pay twice.
      expect(await (await fetch(checkoutUrl)).text()).toMatch(/expired/i)
      expect((await adminOrder(order.id)).summary.paid_total).toBe(100)
    })

    it("refuses a charge while a link's open Checkout for more than would be left cannot be closed: never more than the total", async () => {
      const order = await createUnpaidOrder(getContainer(), { amount: 100, email: "pay-9@example.test" })
      const created = await createLink(order.id, { amount: 100 })
      const checkoutUrl = await pressPay(created.data.payment_link.url)
      // Stripe cannot be told to close the Checkout page, so the customer could still pay on it.
      sandbox.current().addFault({ method: "POST", path: "/v1/checkout/sessions/*/expire", status: 500, times: "always" })
      let refused: { status: number; data: Record<string, unknown> }
      try {
        refused = await api
          .post(`/admin/stripe-collect/orders/${order.id}/charges`, { amount: 100, payment_method: "pm_card_visa" }, { headers })
          .catch((e) => e.response)
      } finally {
        sandbox.current().clearFaults()
      }
      expect(refused.status).toBe(502)
      expect(refused.data.retryable).toBe(true)
      const paid = await payOnSandboxCheckout(checkoutUrl, "4242424242424242")
      expect(paid.status).toBe(200)
      const state = await adminOrder(order.id)
      expect(state.summary.paid_total).toBe(100)
      expect(state.payment_status).toBe("captured")
    })

    it("a charge closes a link's open Checkout that asks for more than would be left, or stops if the customer just paid it", async () => {
      const order = await createUnpaidOrder(getContainer(), { amount: 100, email: "pay-10@example.test" })
      const created = await createLink(order.id, { amount: 60 })
      const checkoutUrl = await pressPay(created.data.payment_link.url)
      // 50 leaves 50 owed: the 60.00 Checkout is closed before the card is charged.
      const charged = await api.post(
        `/admin/stripe-collect/orders/${order.id}/charges`,
        { amount: 50, payment_method: "pm_card_visa" },
        { headers }
      )
      expect(charged.status).toBe(201)
      expect((await fetch(checkoutUrl)).status).toBe(410)
      // The link asks for what is left now.
      const again = await pressPay(created.data.payment_link.url)
      const paid = await payOnSandboxCheckout(again, "4242424242424242")
      expect(paid.status).toBe(200)
      expect((await adminOrder(order.id)).summary.paid_total).toBe(100)

      // Paid on Checkout a moment before the charge reads it: the charge stops, nothing more is taken.
      const other = await createUnpaidOrder(getContainer(), { amount: 100, email: "pay-11@example.test" })
      const link = (await createLink(other.id, { amount: 100 })).data.payment_link
      sandbox.current().setWebhookUrl("http://127.0.0.1:9/hooks/payment/stripe-collect_default")
      try {
        await payOnSandboxCheckout(await pressPay(link.url), "4242424242424242", { followReturn: false })
        const stopped = await api
          .post(`/admin/stripe-collect/orders/${other.id}/charges`, { amount: 30, payment_method: "pm_card_visa" }, { headers })
          .catch((e) => e.response)
        expect(stopped.status).toBe(409)
        expect(String(stopped.data.message)).toMatch(/just paid payment link/)
      } finally {
        sandbox.current().setWebhookUrl(`${api.defaults.baseURL}/hooks/payment/stripe-collect_default`)
      }
    })

    it("validates link requests and refuses unauthenticated callers", async () => {
      const order = await createUnpaidOrder(getContainer(), { amount: 100, email: "pay-8@example.test" })
      const cases: [Record<string, unknown>, RegExp][] = [
        [{ amount: 0 }, /amount/],
        [{ amount: 100.5 }, /outstanding/],
        [{ amount: 10.001 }, /precision|decimals/],
        [{ email: "not-an-email" }, /email/],
        [{ email: "a@b.test\r\nBcc: x@y.test" }, /email/],
        [{ message: "x".repeat(1001) }, /message.*(1000|1,000)/],
        [{ expires_at: "2000-01-01T00:00:00Z" }, /future/],
        [{ expires_at: new Date(Date.now() + 400 * 86_400_000).toISOString() }, /one year/],
        [{ expires_at: "tomorrow" }, /expires_at/],
      ]
      for (const [body, message] of cases) {
        const response = await createLink(order.id, body)
        expect({ body, status: response.status }).toEqual({ body, status: 400 })
        expect(response.data.message).toMatch(message)
      }
      expect(emailTo("pay-8@example.test")).toHaveLength(0)
      const anonymous = await api.post(`/admin/stripe-collect/orders/${order.id}/payment-links`, {}).catch((e: any) => e.response)
      expect(anonymous.status).toBe(401)
    })
  },
})
