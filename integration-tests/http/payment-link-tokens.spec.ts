import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createAdminHeaders } from "../helpers/admin"
import { createUnpaidOrder } from "../helpers/orders"
import Stripe from "stripe"
import { SANDBOX_API_KEY, useSandbox } from "../helpers/sandbox"
import { payOnSandboxCheckout, pressPay } from "../helpers/checkout"
import { makeReturnNonce, RETURN_NONCE_HOURS } from "../../src/payment-links/return-nonce"

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
    it("Stripe's success and cancel URLs carry a return nonce, not the link's token; it works for 24 hours after the session, then shows nothing", async () => {
      const stripe = new Stripe(SANDBOX_API_KEY, { ...sandbox.current().stripe, maxNetworkRetries: 0 })
      const order = await createUnpaidOrder(getContainer(), { amount: 80, email: "return.nonce@example.test" })
      const link = await createLink(order.id)
      const token = link.url.split("/").pop()!

      const checkoutUrl = await pressPay(link.url)
      const [session] = (await stripe.checkout.sessions.list({ limit: 1 })).data
      expect(checkoutUrl).toBe(session.url)
      for (const url of [session.success_url!, session.cancel_url!]) {
        expect(url).not.toContain(token)
        expect(url).not.toContain("/stripe-collect/pay/")
        expect(url).toContain("/stripe-collect/return/")
      }
      // The nonce says until when it works: the session's own expiry plus 24 hours.
      const nonce = new URL(session.success_url!.replace("{CHECKOUT_SESSION_ID}", "x")).pathname.split("/").pop()!
      const validUntil = Number(nonce.split(".")[1])
      expect(validUntil).toBe(session.expires_at + RETURN_NONCE_HOURS * 3600)
      expect(nonce.startsWith(`${link.id}.`)).toBe(true)

      // Back without paying: the pay page again.
      const canceled = await fetch(session.cancel_url!, { redirect: "manual" })
      expect(canceled.status).toBe(303)
      expect(canceled.headers.get("location")).toBe(new URL(link.url).pathname)

      // Paid: Stripe sends the customer to the nonce's URL, which records the payment and thanks.
      const back = await payOnSandboxCheckout(checkoutUrl, "4242424242424242")
      expect(back.url).toContain(`/stripe-collect/return/${nonce}?session_id=${session.id}`)
      expect(back.status).toBe(200)
      expect(back.html).toContain("payment received")
      expect(back.html).toContain("$80.00")
      const paid = await fetch(back.url)
      expect(paid.status).toBe(200)

      // The same URL a day after the session (a nonce minted as it would then be): expired, nothing of the order.
      const aged = makeReturnNonce(getContainer(), link.id, Math.floor(Date.now() / 1000) - 1)
      const late = await fetch(back.url.replace(nonce, aged), { redirect: "manual" })
      expect(late.status).toBe(410)
      const lateHtml = await late.text()
      expect(lateHtml).toContain("This page has expired")
      expect(lateHtml).not.toContain("$80.00")
      expect(lateHtml).not.toContain(`Order #${order.display_id}`)
      expect((await fetch(`${new URL(back.url).origin}/stripe-collect/return/${aged}?canceled=1`, { redirect: "manual" })).status).toBe(410)

      // Pushing the time forward breaks the signature: unknown, as any guess.
      const stretched = nonce.replace(`.${validUntil}.`, `.${validUntil + 86_400}.`)
      expect((await fetch(back.url.replace(nonce, stretched), { redirect: "manual" })).status).toBe(404)
      // A nonce made with another secret is unknown too.
      useSecrets(SECOND_SECRET)
      expect((await fetch(back.url, { redirect: "manual" })).status).toBe(404)
    })
  },
})
