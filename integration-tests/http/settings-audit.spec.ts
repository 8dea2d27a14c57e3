import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { adminEmail, createAdminHeaders } from "../helpers/admin"
import { useSandbox } from "../helpers/sandbox"

jest.setTimeout(300_000)

const CLIENT_ID = "ca_test_stripe_collect_audit"

// Connect OAuth mode (set before the app boots): each consent on the sandbox's page makes a new Stripe account.
const sandbox = useSandbox()
const previousClientId = process.env.STRIPE_CONNECT_CLIENT_ID
beforeAll(() => {
  process.env.STRIPE_CONNECT_CLIENT_ID = CLIENT_ID
})
afterAll(() => {
  if (previousClientId === undefined) delete process.env.STRIPE_CONNECT_CLIENT_ID
  else process.env.STRIPE_CONNECT_CLIENT_ID = previousClientId
})

/** The merchant presses Authorize on the sandbox's consent page; returns where Stripe sends the browser. */
async function authorizeInStripe(authorizeUrl: string): Promise<URL> {
  const html = await (await fetch(authorizeUrl)).text()
  const form = /<form[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/i.exec(html)!
  const fields = new URLSearchParams()
  for (const input of form[2].matchAll(/<input[^>]*>/gi)) {
    const name = /name="([^"]*)"/.exec(input[0])?.[1]
    if (name) fields.set(name, (/value="([^"]*)"/.exec(input[0])?.[1] ?? "").replace(/&amp;/g, "&"))
  }
  fields.set("decision", "allow")
  const answer = await fetch(new URL(form[1].replace(/&amp;/g, "&"), authorizeUrl), { method: "POST", body: fields, redirect: "manual" })
  return new URL(answer.headers.get("location")!)
}

type Change = { field: string; label: string; from_value: string | null; to_value: string | null; actor_label: string; actor_type: string }

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: Record<string, string>
    let userId: string

    beforeEach(async () => {
      const admin = await createAdminHeaders(getContainer())
      headers = admin.headers
      userId = admin.user.id
      sandbox.current().reset()
    })

    const save = (body: Record<string, unknown>, h = headers) => api.post("/admin/stripe-collect/settings", body, { headers: h })
    const changes = async (query = ""): Promise<{ changes: Change[]; count: number }> =>
      (await api.get(`/admin/stripe-collect/settings/changes${query}`, { headers })).data
    const connect = async () => {
      const { authorize_url } = (await api.post("/admin/stripe-collect/connect", {}, { headers })).data
      const callback = await authorizeInStripe(authorize_url)
      const back = await api.get(`${callback.pathname}${callback.search}`, { headers, maxRedirects: 0, validateStatus: () => true })
      expect(back.headers.location).toContain("connected=1")
      return (await api.get("/admin/stripe-collect/settings", { headers })).data.settings.stripe_account_id as string
    }
    const emails = () => sandbox.current().emails()

    it("records who changed the store name and the error address, from what to what, newest first", async () => {
      await save({ store_name: "Acme", error_email: "alerts@acme.test" })
      await save({ store_name: "Acme Outfitters", error_email: "alerts@acme.test" })
      await save({ store_name: "Acme Outfitters", error_email: "ops@acme.test" })
      // Saving the same values again changes nothing, so records nothing.
      await save({ store_name: "Acme Outfitters", error_email: "ops@acme.test" })

      // The payment-notifications address is an address field too: audited without being named anywhere in the audit.
      await save({ store_name: "Acme Outfitters", error_email: "ops@acme.test", payment_notification_email: "payments@acme.test" })
      const [notifications] = (await changes()).changes
      expect(notifications).toMatchObject({
        field: "payment_notification_email",
        label: "Payment notification address",
        from_value: null,
        to_value: "payments@acme.test",
        actor_label: adminEmail,
      })

      const { changes: all, count } = await changes()
      const rows = all.slice(1)
      expect(count).toBe(5)
      expect(rows.map(({ field, label, from_value, to_value }) => ({ field, label, from_value, to_value }))).toEqual([
        { field: "error_email", label: "Integration-error address", from_value: "alerts@acme.test", to_value: "ops@acme.test" },
        { field: "store_name", label: "Store name", from_value: "Acme", to_value: "Acme Outfitters" },
        { field: "error_email", label: "Integration-error address", from_value: null, to_value: "alerts@acme.test" },
        { field: "store_name", label: "Store name", from_value: null, to_value: "Acme" },
      ])
      for (const row of rows) expect(row).toMatchObject({ actor_type: "user", actor_id: userId, actor_label: adminEmail })
      expect(Date.parse((rows[0] as Change & { changed_at: string }).changed_at)).toBeGreaterThan(Date.now() - 60_000)

      // A page at a time.
      const second = await changes("?limit=2&offset=3")
      expect(second.count).toBe(5)
      expect(second.changes.map((c) => c.to_value)).toEqual(["alerts@acme.test", "Acme"])
      for (const bad of ["?limit=0", "?limit=101", "?offset=-1", "?limit=abc", "?sort=field"]) {
        const refused = await api.get(`/admin/stripe-collect/settings/changes${bad}`, { headers, validateStatus: () => true })
        expect({ bad, status: refused.status }).toEqual({ bad, status: 400 })
      }
      expect((await changes()).count).toBe(5)
    })

    it("names a secret API key as the one who changed a setting", async () => {
      await save({ store_name: "Acme", error_email: "alerts@acme.test" })
      const key = await getContainer()
        .resolve(Modules.API_KEY)
        .createApiKeys({ title: "ERP integration", type: "secret", created_by: userId })
      const basic = { authorization: `Basic ${Buffer.from(`${key.token}:`).toString("base64")}` }
      expect((await save({ store_name: "Acme by ERP", error_email: "alerts@acme.test" }, basic)).status).toBe(200)

      const [latest] = (await changes()).changes
      expect(latest).toMatchObject({
        field: "store_name",
        from_value: "Acme",
        to_value: "Acme by ERP",
        actor_type: "api_key",
        actor_id: key.id,
        actor_label: "secret API key",
      })
    })

    it("records connecting, changing and disconnecting the Stripe account; a different account emails the previous error address", async () => {
      await save({ store_name: "Acme", error_email: "alerts@acme.test" })
      const first = await connect()
      expect(emails()).toEqual([])

      // The merchant's address is changed, then the account: the email goes to the address before the account change.
      await save({ store_name: "Acme", error_email: "new-alerts@acme.test" })
      const second = await connect()
      expect(second).not.toBe(first)
      const sent = emails()
      expect(sent).toHaveLength(1)
      expect(sent[0].to).toEqual(["new-alerts@acme.test"])
      expect(sent[0].subject).toBe("Stripe integration error: The store's Stripe account was changed")
      expect(sent[0].text).toContain(`Payments now go to the Stripe account ${second} instead of ${first}`)
      expect(sent[0].text).toContain(`Changed by ${adminEmail}`)

      // Disconnect, then connect a third account: still a change of account from the last one the store had.
      expect((await api.post("/admin/stripe-collect/disconnect", {}, { headers })).status).toBe(200)
      const third = await connect()
      expect(emails()).toHaveLength(2)
      expect(emails()[1].text).toContain(`instead of ${second}`)

      const accountRows = (await changes()).changes.filter((c) => c.field === "stripe_account_id")
      expect(accountRows.map((c) => [c.label, c.from_value, c.to_value, c.actor_label])).toEqual([
        ["Stripe account", null, third, adminEmail],
        ["Stripe account", second, null, adminEmail],
        ["Stripe account", first, second, adminEmail],
        ["Stripe account", null, first, adminEmail],
      ])
    })
  },
})
