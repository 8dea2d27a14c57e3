import Stripe from "stripe"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createAdminHeaders } from "../helpers/admin"
import { payOnSandboxCheckout, pressPay } from "../helpers/checkout"
import { createUnpaidOrder } from "../helpers/orders"
import { SANDBOX_API_KEY, useSandbox } from "../helpers/sandbox"

/**
 * A link payment is never lost and never taken twice: a second tab's Checkout closes the first; a
 * payment whose return and webhook were both lost is recorded by the next press or by "check Stripe";
 * a link Checkout paid after the order was settled (Stripe would not close it) is recorded and the merchant told.
 */

jest.setTimeout(300_000)

const sandbox = useSandbox()
const NOWHERE = "http://127.0.0.1:9/hooks/payment/stripe-collect_default"

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: Record<string, string>
    let stripe: Stripe

    const createLink = async (orderId: string, amount: number) =>
      (await api.post(`/admin/stripe-collect/orders/${orderId}/payment-links`, { amount }, { headers })).data.payment_link as {
        id: string
        url: string
      }
    const paidTotal = async (orderId: string) =>
      Number((await api.get(`/admin/orders/${orderId}?fields=+summary`, { headers })).data.order.summary.paid_total)
    const linkPayments = async (orderId: string) =>
      ((await api.get(`/admin/stripe-collect/orders/${orderId}`, { headers })).data.activity as { kind: string; status: string }[]).filter(
        (a) => a.kind === "payment_link" && a.status === "paid"
      )
    const reconcile = async () => (await api.post("/admin/stripe-collect/reconcile", {}, { headers })).data.reconciliation

    beforeEach(async () => {
      ;({ headers } = await createAdminHeaders(getContainer()))
      stripe = new Stripe(SANDBOX_API_KEY, { ...sandbox.current().stripe, maxNetworkRetries: 0 })
      sandbox.current().clearFaults()
      sandbox.current().setWebhookUrl(NOWHERE)
    })

    it("a second tab's Checkout closes the first: the first cannot be paid, the second is paid once", async () => {
      const order = await createUnpaidOrder(getContainer(), { amount: 100, email: "tabs@example.test" })
      const link = await createLink(order.id, 40)
      const firstTab = await pressPay(link.url)
      const secondTab = await pressPay(link.url)
      expect(secondTab).not.toBe(firstTab)

      // Stripe's hosted page of the closed session no longer takes a card.
      const refused = await fetch(firstTab)
      expect(refused.status).toBe(410)
      expect(await refused.text()).not.toContain('data-testid="checkout-form"')
      const paid = await payOnSandboxCheckout(secondTab, "4242424242424242")
      expect(paid.status).toBe(200)
      expect(await paidTotal(order.id)).toBe(40)
      const sessions = (await stripe.checkout.sessions.list({ limit: 100 })).data.filter((cs) => cs.metadata?.payment_link_id === link.id)
      expect(sessions.map((cs) => cs.status).sort()).toEqual(["complete", "expired"])
    })

    it("paid in one tab while the return and the webhook were lost: pressing Pay again shows it paid and records it once", async () => {
      const order = await createUnpaidOrder(getContainer(), { amount: 100, email: "lost-return@example.test" })
      const link = await createLink(order.id, 40)
      await payOnSandboxCheckout(await pressPay(link.url), "4242424242424242", { followReturn: false })
      expect(await paidTotal(order.id)).toBe(0)

      const again = await fetch(link.url, { method: "POST", redirect: "manual" })
      expect(again.status).toBe(303)
      const returnPage = await fetch(again.headers.get("location")!)
      expect(returnPage.status).toBe(200)
      expect(await returnPage.text()).toMatch(/paid|thank/i)
      expect(await paidTotal(order.id)).toBe(40)
      expect(await linkPayments(order.id)).toHaveLength(1)
      expect(await reconcile()).toMatchObject({ recorded: 0, failed: 0 })
    })

    it("Stripe does not answer when the customer comes back: a page saying not to pay again; the payment is recorded later", async () => {
      const s = sandbox.current()
      const order = await createUnpaidOrder(getContainer(), { amount: 100, email: "return-fault@example.test" })
      const link = await createLink(order.id, 35)
      const checkoutUrl = await pressPay(link.url)
      s.addFault({ method: "GET", path: "/v1/checkout/sessions/*", times: "always", status: 500 })
      let back: { status: number; html: string; url: string }
      try {
        back = await payOnSandboxCheckout(checkoutUrl, "4242424242424242")
      } finally {
        s.clearFaults()
      }
      expect(back.status).toBe(502)
      expect(back.html).toContain("please do not pay again")
      expect(await paidTotal(order.id)).toBe(0)
      // The customer reloads the page a minute later: recorded once, and thanked.
      const reloaded = await fetch(back.url)
      expect(reloaded.status).toBe(200)
      expect(await reloaded.text()).toMatch(/Thank you/)
      expect(await paidTotal(order.id)).toBe(35)
      expect(await linkPayments(order.id)).toHaveLength(1)
    })

    it("paid while the return and the webhook were lost: 'check Stripe' (and the job) records it once", async () => {
      const order = await createUnpaidOrder(getContainer(), { amount: 100, email: "lost-both@example.test" })
      const link = await createLink(order.id, 25)
      await payOnSandboxCheckout(await pressPay(link.url), "4242424242424242", { followReturn: false })
      expect(await paidTotal(order.id)).toBe(0)

      expect(await reconcile()).toMatchObject({ recorded: 1, failed: 0 })
      expect(await reconcile()).toMatchObject({ recorded: 0, failed: 0 })
      expect(await paidTotal(order.id)).toBe(25)
      expect(await linkPayments(order.id)).toHaveLength(1)
    })

    it("a link Checkout Stripe would not close when the order was paid is recorded if the customer pays it, and the merchant is emailed", async () => {
      const s = sandbox.current()
      await api.post("/admin/stripe-collect/settings", { store_name: "Acme", error_email: "alerts@acme.test" }, { headers })
      const order = await createUnpaidOrder(getContainer(), { amount: 100, email: "late@example.test" })
      const a = await createLink(order.id, 60)
      const b = await createLink(order.id, 60)
      const checkoutA = await pressPay(a.url)
      const checkoutB = await pressPay(b.url)

      // A is paid; closing B's Checkout (60, more than the 40 left) fails at Stripe, so B stays payable.
      s.addFault({ method: "POST", path: "/v1/checkout/sessions/*/expire", times: "always", status: 500 })
      await payOnSandboxCheckout(checkoutA, "4242424242424242", { followReturn: false })
      expect(await reconcile()).toMatchObject({ recorded: 1, failed: 0 })
      expect(await paidTotal(order.id)).toBe(60)
      s.clearFaults()

      // The customer pays B anyway: Stripe took 60 more than is owed, and that money is never lost.
      const emailsBefore = s.emails().length
      await payOnSandboxCheckout(checkoutB, "4242424242424242", { followReturn: false })
      expect(await reconcile()).toMatchObject({ recorded: 1, failed: 0 })
      expect(await reconcile()).toMatchObject({ recorded: 0, checked: 0 })
      expect(await paidTotal(order.id)).toBe(120)
      expect(await linkPayments(order.id)).toHaveLength(2)
      // The merchant's integration-error email (beside the customer's receipt and the "link paid" email).
      const told = s
        .emails()
        .slice(emailsBefore)
        .filter((e) => /integration error/i.test(e.subject))
      expect(told).toHaveLength(1)
      expect(told[0].text ?? "").toContain("after the order's balance was settled another way")
    })
  },
})
