import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import paymentLinkExpiryJob from "../../src/jobs/payment-link-expiry"
import { sendDueReminders } from "../../src/payment-links/send-due-reminders"
import { createAdminHeaders } from "../helpers/admin"
import { createUnpaidOrder } from "../helpers/orders"
import { useSandbox } from "../helpers/sandbox"

jest.setTimeout(300_000)

const sandbox = useSandbox()
const DAY = 86_400_000

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: Record<string, string>
    const saved = process.env.STRIPE_COLLECT_PUBLIC_URL

    beforeEach(async () => {
      ;({ headers } = await createAdminHeaders(getContainer()))
      process.env.STRIPE_COLLECT_PUBLIC_URL = api.defaults.baseURL as string
    })
    afterAll(() => {
      if (saved === undefined) delete process.env.STRIPE_COLLECT_PUBLIC_URL
      else process.env.STRIPE_COLLECT_PUBLIC_URL = saved
    })

    const summary = async (orderId: string) => (await api.get(`/admin/stripe-collect/orders/${orderId}`, { headers })).data

    it("expires links past their date: the page answers 410 and the amount goes back to the balance", async () => {
      const order = await createUnpaidOrder(getContainer(), { amount: 100, email: "expiry-1@example.test" })
      const created = await api.post(
        `/admin/stripe-collect/orders/${order.id}/payment-links`,
        { amount: 40, expires_at: new Date(Date.now() + 1500).toISOString() },
        { headers }
      )
      await new Promise((r) => setTimeout(r, 2000))
      await paymentLinkExpiryJob(getContainer())

      const after = await summary(order.id)
      expect(after.payment_links[0].status).toBe("expired")
      expect(after.order).toMatchObject({ outstanding: 100, payment_status: "not_paid" })
      expect((await fetch(created.data.payment_link.url)).status).toBe(410)
      // Running again changes nothing.
      await paymentLinkExpiryJob(getContainer())
      expect((await summary(order.id)).activity.filter((a: any) => a.status === "expired")).toHaveLength(1)
    })

    it("sends one reminder, with the same link, shortly before a link expires (not on the day it was sent)", async () => {
      const order = await createUnpaidOrder(getContainer(), { amount: 100, email: "expiry-2@example.test" })
      const created = await api.post(
        `/admin/stripe-collect/orders/${order.id}/payment-links`,
        { amount: 25, expires_at: new Date(Date.now() + 2 * DAY).toISOString() },
        { headers }
      )
      const far = await createUnpaidOrder(getContainer(), { amount: 100, email: "expiry-3@example.test" })
      await api.post(`/admin/stripe-collect/orders/${far.id}/payment-links`, { amount: 25 }, { headers })

      // The day it was sent, its own email is that day's one; the next day the reminder goes, once.
      await sendDueReminders(getContainer(), new Date())
      expect(
        sandbox
          .current()
          .emails()
          .filter((e) => e.to.includes("expiry-2@example.test"))
      ).toHaveLength(1)
      const tomorrow = new Date(Date.now() + DAY)
      await sendDueReminders(getContainer(), tomorrow)
      await sendDueReminders(getContainer(), tomorrow)

      const emails = sandbox.current().emails()
      const toFirst = emails.filter((e) => e.to.includes("expiry-2@example.test"))
      expect(toFirst).toHaveLength(2)
      expect(toFirst[1].html).toContain(created.data.payment_link.url)
      expect(emails.filter((e) => e.to.includes("expiry-3@example.test"))).toHaveLength(1)
    })
  },
})
