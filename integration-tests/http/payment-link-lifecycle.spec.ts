import Stripe from "stripe"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createAdminHeaders } from "../helpers/admin"
import { payOnSandboxCheckout, pressPay, waitFor } from "../helpers/checkout"
import { createUnpaidOrder } from "../helpers/orders"
import { SANDBOX_API_KEY, useSandbox } from "../helpers/sandbox"
import { STRIPE_COLLECT_MODULE } from "../../src/modules/stripe-collect"
import type StripeCollectModuleService from "../../src/modules/stripe-collect/service"

/**
 * A link lives with its order: canceling the order cancels its open links and closes their Checkout
 * Sessions at Stripe; the pay page then says so (410) and no Checkout can be opened. A Checkout paid
 * moments before the cancel is recorded, refunded automatically and the merchant emailed. "Viewed" never reopens a link.
 */

jest.setTimeout(300_000)

const sandbox = useSandbox()
const NOWHERE = "http://127.0.0.1:9/hooks/payment/stripe-collect_default"

type LinkRow = { id: string; status: string }
type ActivityRow = { kind: string; status: string; message: string | null; payment_link_id: string | null }

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: Record<string, string>
    let stripe: Stripe

    const createLink = async (orderId: string, amount: number) =>
      (await api.post(`/admin/stripe-collect/orders/${orderId}/payment-links`, { amount }, { headers })).data.payment_link as {
        id: string
        url: string
      }
    const summary = async (orderId: string) =>
      (await api.get(`/admin/stripe-collect/orders/${orderId}`, { headers })).data as { payment_links: LinkRow[]; activity: ActivityRow[] }
    const cancelOrder = (orderId: string) => api.post(`/admin/orders/${orderId}/cancel`, {}, { headers })
    const sessionsOf = async (linkId: string) =>
      (await stripe.checkout.sessions.list({ limit: 100 })).data.filter((cs) => cs.metadata?.payment_link_id === linkId)

    beforeEach(async () => {
      ;({ headers } = await createAdminHeaders(getContainer()))
      stripe = new Stripe(SANDBOX_API_KEY, { ...sandbox.current().stripe, maxNetworkRetries: 0 })
      sandbox.current().clearFaults()
      // Only our own calls settle links here: no webhook races the cancel.
      sandbox.current().setWebhookUrl(NOWHERE)
    })

    it("canceling an order cancels its open links and expires their Checkout; the pay page answers 410 and opens no Checkout", async () => {
      const order = await createUnpaidOrder(getContainer(), { amount: 100, email: "cancel-1@example.test" })
      const pressed = await createLink(order.id, 40)
      const untouched = await createLink(order.id, 20)
      await pressPay(pressed.url)
      expect((await sessionsOf(pressed.id)).map((cs) => cs.status)).toEqual(["open"])

      expect((await cancelOrder(order.id)).status).toBe(200)

      // The page says so at once, before the links themselves are canceled.
      const page = await fetch(untouched.url)
      expect(page.status).toBe(410)
      const html = await page.text()
      expect(html).toContain("This payment link was canceled")
      expect(html).not.toContain('data-testid="pay-button"')

      await waitFor(async () => (await summary(order.id)).payment_links.every((l) => l.status === "canceled"), 30_000)
      expect((await sessionsOf(pressed.id)).map((cs) => cs.status)).toEqual(["expired"])

      for (const link of [pressed, untouched]) {
        const press = await fetch(link.url, { method: "POST", redirect: "manual" })
        expect(press.status).toBe(410)
        expect(await press.text()).toContain("This payment link was canceled")
      }
      expect(await sessionsOf(pressed.id)).toHaveLength(1)
      expect(await sessionsOf(untouched.id)).toHaveLength(0)

      const canceledLines = (await summary(order.id)).activity.filter((a) => a.kind === "payment_link" && a.status === "canceled")
      expect(canceledLines.map((a) => a.payment_link_id).sort()).toEqual([pressed.id, untouched.id].sort())
      expect(canceledLines.every((a) => a.message === "Canceled with the order")).toBe(true)
    })

    it("a Checkout paid moments before the cancel is recorded, the link stays paid, refunded, and the merchant is emailed", async () => {
      const s = sandbox.current()
      await api.post("/admin/stripe-collect/settings", { store_name: "Acme", error_email: "alerts@acme.test" }, { headers })
      const order = await createUnpaidOrder(getContainer(), { amount: 100, email: "cancel-2@example.test" })
      const link = await createLink(order.id, 30)
      // Paid at Stripe; neither the return nor a webhook reached us before the merchant canceled.
      await payOnSandboxCheckout(await pressPay(link.url), "4242424242424242", { followReturn: false })
      const emailsBefore = s.emails().length

      expect((await cancelOrder(order.id)).status).toBe(200)
      await waitFor(async () => (await summary(order.id)).payment_links[0].status === "paid", 30_000)
      const paid = (await summary(order.id)).activity.filter((a) => a.kind === "payment_link" && a.status === "paid")
      expect(paid).toHaveLength(1)

      await waitFor(
        async () =>
          s
            .emails()
            .slice(emailsBefore)
            // Sent once the payment is refunded, after the recording: wait for that one.
            .some((e) => e.to.includes("alerts@acme.test") && /integration error/i.test(e.subject)),
        30_000
      )
      const told = s
        .emails()
        .slice(emailsBefore)
        // The integration-error email (the address also hears, by default, that the link was paid).
        .filter((e) => e.to.includes("alerts@acme.test") && /integration error/i.test(e.subject))
      expect(told).toHaveLength(1)
      expect(told[0].text ?? "").toContain("after the order was canceled")
      expect(told[0].text ?? "").toContain(link.id)
      // It was refunded to the customer automatically (tested in depth in refunds-from-order-card.spec.ts).
      expect(told[0].text ?? "").toContain("refunded to the customer automatically")
    })

    it("'viewed' only moves a link forward: opening a paid or canceled link never reopens it", async () => {
      const service = getContainer().resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)
      const order = await createUnpaidOrder(getContainer(), { amount: 100, email: "viewed@example.test" })
      const link = await createLink(order.id, 25)

      expect((await fetch(link.url)).status).toBe(200)
      const viewed = await service.retrievePaymentLink(link.id)
      expect(viewed.status).toBe("viewed")
      expect(viewed.viewed_at).toBeTruthy()

      await payOnSandboxCheckout(await pressPay(link.url), "4242424242424242")
      expect((await service.retrievePaymentLink(link.id)).status).toBe("paid")
      // A page read before the payment writing "viewed" after it: the write changes nothing.
      expect(await service.markLinkViewed(link.id)).toBe(false)
      expect((await fetch(link.url)).status).toBe(200)
      expect((await service.retrievePaymentLink(link.id)).status).toBe("paid")

      const other = await createLink(order.id, 10)
      await api.post(`/admin/stripe-collect/payment-links/${other.id}/cancel`, {}, { headers })
      expect(await service.markLinkViewed(other.id)).toBe(false)
      expect((await service.retrievePaymentLink(other.id)).status).toBe("canceled")
    })
  },
})
