import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createAdminHeaders } from "../helpers/admin"
import { createUnpaidOrder } from "../helpers/orders"
import { useSandbox } from "../helpers/sandbox"

jest.setTimeout(300_000)

const sandbox = useSandbox()

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: Record<string, string>

    const createLink = async (orderId: string) =>
      (await api.post(`/admin/stripe-collect/orders/${orderId}/payment-links`, {}, { headers })).data.payment_link as {
        id: string
        url: string
      }
    const press = (url: string, from?: string) =>
      fetch(url, { method: "POST", redirect: "manual", headers: from ? { "X-Forwarded-For": from } : {} })
    const checkoutCalls = (since: number) =>
      sandbox
        .current()
        .requests()
        .filter((r) => r.seq >= since && r.method === "POST" && r.path === "/v1/checkout/sessions").length
    const mark = () =>
      Math.max(
        0,
        ...sandbox
          .current()
          .requests()
          .map((r) => r.seq)
      ) + 1

    beforeEach(async () => {
      ;({ headers } = await createAdminHeaders(getContainer()))
    })

    it("limits Pay presses to 10 a minute per link: the 11th is a 429 page saying to wait, and Stripe saw at most 10 Checkouts", async () => {
      const order = await createUnpaidOrder(getContainer(), { amount: 40, email: "presses@example.test" })
      const link = await createLink(order.id)
      const since = mark()

      const statuses: number[] = []
      for (let i = 0; i < 10; i++) statuses.push((await press(link.url)).status)
      expect(statuses).toEqual(Array(10).fill(303))

      const eleventh = await press(link.url)
      expect(eleventh.status).toBe(429)
      expect(Number(eleventh.headers.get("retry-after"))).toBeGreaterThan(0)
      expect(eleventh.headers.get("cache-control")).toBe("no-store")
      const page = await eleventh.text()
      expect(page).toContain("Please wait")
      expect(page).toContain("Nothing was charged")
      expect(checkoutCalls(since)).toBeLessThanOrEqual(10)

      // Another link is not held back by this one.
      const other = await createLink((await createUnpaidOrder(getContainer(), { amount: 15, email: "other@example.test" })).id)
      expect((await press(other.url)).status).toBe(303)
    })

    it("limits Pay presses per client address (one trusted proxy hop), before any link is looked up", async () => {
      const bogus = `${api.defaults.baseURL}/stripe-collect/pay/${"x".repeat(43)}`
      const statuses: number[] = []
      for (let i = 0; i < 31; i++) statuses.push((await press(bogus, "203.0.113.7")).status)
      expect(statuses.slice(0, 30)).toEqual(Array(30).fill(404))
      expect(statuses[30]).toBe(429)
      // A different client behind the same proxy is not affected.
      expect((await press(bogus, "198.51.100.4")).status).toBe(404)
    })

    it("lets a link be resent 5 times an hour, then answers 429 saying how long to wait", async () => {
      const order = await createUnpaidOrder(getContainer(), { amount: 25, email: "resend.limit@example.test" })
      const link = await createLink(order.id)
      const resend = () => api.post(`/admin/stripe-collect/payment-links/${link.id}/resend`, {}, { headers }).catch((e: any) => e.response)

      for (let i = 0; i < 5; i++) expect((await resend()).status).toBe(200)
      const sixth = await resend()
      expect(sixth.status).toBe(429)
      expect(sixth.data.message).toMatch(/sent 5 times in the last hour\. Wait \d+ minutes?/)
      expect(Number(sixth.headers["retry-after"])).toBeGreaterThan(0)
      const emails = sandbox
        .current()
        .emails()
        .filter((e) => e.to.includes("resend.limit@example.test"))
      expect(emails).toHaveLength(6)
      for (const email of emails) expect(email.subject).not.toMatch(/[\r\n]/)
    })
  },
})
