import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createAdminHeaders } from "../helpers/admin"
import { createUnpaidOrder } from "../helpers/orders"
import { useSandbox } from "../helpers/sandbox"

jest.setTimeout(300_000)

const FIRST_SECRET = "first-link-secret-for-tests-0123456789abcdef"
const SECOND_SECRET = "second-link-secret-for-tests-0123456789abcdef"

const saved = { current: process.env.STRIPE_COLLECT_LINK_SECRET, previous: process.env.STRIPE_COLLECT_PREVIOUS_LINK_SECRETS }
const useSecrets = (current: string, previous?: string) => {
  process.env.STRIPE_COLLECT_LINK_SECRET = current
  if (previous) process.env.STRIPE_COLLECT_PREVIOUS_LINK_SECRETS = previous
  else delete process.env.STRIPE_COLLECT_PREVIOUS_LINK_SECRETS
}
useSecrets(FIRST_SECRET)
afterAll(() => {
  for (const [key, value] of [
    ["STRIPE_COLLECT_LINK_SECRET", saved.current],
    ["STRIPE_COLLECT_PREVIOUS_LINK_SECRETS", saved.previous],
  ] as const) {
    if (value === undefined) delete process.env[key]
    else process.env[key] = value
  }
})

const sandbox = useSandbox()

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConnection }) => {
    let headers: Record<string, string>

    const createLink = async (orderId: string) => {
      const response = await api.post(`/admin/stripe-collect/orders/${orderId}/payment-links`, {}, { headers })
      return response.data.payment_link as { id: string; url: string }
    }
    const resend = (id: string) =>
      api.post(`/admin/stripe-collect/payment-links/${id}/resend`, {}, { headers }).catch((e: any) => e.response)
    const emailsTo = (address: string) =>
      sandbox
        .current()
        .emails()
        .filter((e) => e.to.includes(address))

    beforeEach(async () => {
      useSecrets(FIRST_SECRET)
      ;({ headers } = await createAdminHeaders(getContainer()))
    })

    it("keeps no working pay URL in the database: not in the link table, not in Medusa's notifications", async () => {
      const order = await createUnpaidOrder(getContainer(), { amount: 30, email: "db.reader@example.test" })
      const link = await createLink(order.id)
      const token = link.url.split("/").pop()!
      expect(emailsTo("db.reader@example.test")[0].html).toContain(link.url)

      const [row] = (await dbConnection.raw(`select * from stripe_collect_payment_link where id = ?`, [link.id])).rows
      expect(JSON.stringify(row)).not.toContain(token)
      // The nonce names the secret it was made with; the secret itself is nowhere in the row.
      expect(row.token_nonce).toMatch(/^[A-Za-z0-9_-]{8}\.[A-Za-z0-9_-]{43}$/)
      expect(JSON.stringify(row)).not.toContain(FIRST_SECRET)

      const notifications = (await dbConnection.raw(`select * from notification where resource_id = ?`, [link.id])).rows
      expect(notifications.length).toBeGreaterThan(0)
      const stored = JSON.stringify(notifications)
      expect(stored).not.toContain(token)
      expect(stored).not.toContain("/stripe-collect/pay/")
    })

    it("after the secret is rotated, an old link still opens and a resend emails the same working URL", async () => {
      const order = await createUnpaidOrder(getContainer(), { amount: 45, email: "rotation@example.test" })
      const old = await createLink(order.id)

      useSecrets(SECOND_SECRET, FIRST_SECRET)
      expect((await fetch(old.url)).status).toBe(200)
      const resent = await resend(old.id)
      expect(resent.status).toBe(200)
      const latest = emailsTo("rotation@example.test").at(-1)!
      expect(latest.html).toContain(old.url)

      // New links are made with the new secret, and open too.
      const fresh = await createLink((await createUnpaidOrder(getContainer(), { amount: 10, email: "fresh@example.test" })).id)
      expect((await fetch(fresh.url)).status).toBe(200)

      // With the old secret dropped, the old URL still opens (its hash is stored), but it can no longer be re-sent.
      useSecrets(SECOND_SECRET)
      expect((await fetch(old.url)).status).toBe(200)
      const refused = await resend(old.id)
      expect(refused.status).toBe(400)
      expect(refused.data.message).toMatch(/no longer configured.*STRIPE_COLLECT_PREVIOUS_LINK_SECRETS/)
    })
  },
})
