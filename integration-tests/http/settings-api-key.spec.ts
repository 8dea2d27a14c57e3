import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { AxiosResponse } from "axios"
import { adminEmail, createAdminHeaders } from "../helpers/admin"
import { SANDBOX_API_KEY, SANDBOX_WEBHOOK_SECRET, useSandbox } from "../helpers/sandbox"

jest.setTimeout(300_000)

// Starts before the app boots, so medusa-config.ts points the provider (API-key mode) at the sandbox.
const sandbox = useSandbox()

// Every body any of these routes returned, checked for secrets at the end of each test.
const SECRET_PATTERNS = [
  /sk_(test|live)_[A-Za-z0-9]/,
  /rk_(test|live)_[A-Za-z0-9]/,
  /whsec_/,
  /\brt_[A-Za-z0-9]{20}/,
  /access_token/,
  /refresh_token/,
]

function expectNoSecrets(response: AxiosResponse) {
  const body = typeof response.data === "string" ? response.data : JSON.stringify(response.data)
  const location = String(response.headers?.location ?? "")
  for (const text of [body, location]) {
    expect(text).not.toContain(SANDBOX_API_KEY)
    expect(text).not.toContain(SANDBOX_WEBHOOK_SECRET)
    for (const pattern of SECRET_PATTERNS) expect(text).not.toMatch(pattern)
  }
}

const anyStatus = { validateStatus: () => true, maxRedirects: 0 }

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: Record<string, string>

    beforeEach(async () => {
      ;({ headers } = await createAdminHeaders(getContainer()))
      sandbox.current().reset()
    })

    it("shows an unconnected API-key store with the key masked and the admin's email suggested", async () => {
      const response = await api.get("/admin/stripe-collect/settings", { headers })
      expect(response.status).toBe(200)
      expectNoSecrets(response)
      expect(response.data.settings).toMatchObject({
        mode: "api_key",
        connected: false,
        stripe_account_id: null,
        api_key: "sk_test_…dbox",
        error_email: adminEmail,
        error_email_is_default: true,
        webhook: {
          endpoint_path: "/hooks/payment/stripe-collect_default",
          last_event_at: null,
          recent_signature_failures: 0,
        },
        recent_errors: [],
      })
      // The full URL to paste into Stripe (test mode: the URL the admin used), and the events to select.
      expect(response.data.settings.webhook.endpoint_url).toBe(`${api.defaults.baseURL}/hooks/payment/stripe-collect_default`)
      expect(response.data.settings.webhook.events).toEqual(
        expect.arrayContaining(["payment_intent.succeeded", "checkout.session.completed"])
      )
      expect(response.data.settings.webhook.events).not.toContain("account.application.deauthorized")
    })

    it("saves the store name and error email, checks the key with GET /v1/account and shows the account", async () => {
      const saved = await api.post(
        "/admin/stripe-collect/settings",
        { store_name: "Acme Outfitters", error_email: "alerts@acme.test" },
        { headers }
      )
      expect(saved.status).toBe(200)
      expectNoSecrets(saved)
      expect(saved.data.stripe_check).toMatchObject({ checked: true, ok: true })
      const accountId = saved.data.stripe_check.stripe_account_id
      expect(accountId).toMatch(/^acct_/)

      const accountCalls = sandbox
        .current()
        .requests()
        .filter((r) => r.method === "GET" && r.path === "/v1/account")
      expect(accountCalls).toHaveLength(1)
      expect(accountCalls[0].account).toBeNull()

      const read = await api.get("/admin/stripe-collect/settings", { headers })
      expectNoSecrets(read)
      expect(read.data.settings).toMatchObject({
        mode: "api_key",
        connected: true,
        stripe_account_id: accountId,
        livemode: false,
        store_name: "Acme Outfitters",
        error_email: "alerts@acme.test",
        error_email_is_default: false,
      })
      expect(Date.parse(read.data.settings.connected_at)).not.toBeNaN()
    })

    it("rejects an invalid email with a 400 that names the field, and saves nothing", async () => {
      const response = await api.post(
        "/admin/stripe-collect/settings",
        { store_name: "Acme", error_email: "not-an-email" },
        { headers, ...anyStatus }
      )
      expect(response.status).toBe(400)
      expect(response.data.message).toContain("error_email")

      const missingName = await api.post("/admin/stripe-collect/settings", { error_email: "alerts@acme.test" }, { headers, ...anyStatus })
      expect(missingName.status).toBe(400)
      expect(missingName.data.message).toContain("store_name")

      const unknownField = await api.post(
        "/admin/stripe-collect/settings",
        { store_name: "Acme", error_email: "alerts@acme.test", api_key: "sk_live_nope" },
        { headers, ...anyStatus }
      )
      expect(unknownField.status).toBe(400)

      const read = await api.get("/admin/stripe-collect/settings", { headers })
      expect(read.data.settings.error_email).toBe(adminEmail)
      expect(sandbox.current().requests()).toHaveLength(0)
    })

    it("reports a refused key on the page and by one email, and keeps the settings", async () => {
      await api.post("/admin/stripe-collect/settings", { store_name: "Acme", error_email: "alerts@acme.test" }, { headers })
      sandbox.current().reset()
      sandbox.current().addFault({
        method: "GET",
        path: "/v1/account",
        status: 401,
        times: "always",
        error: { type: "invalid_request_error", message: "Invalid API Key provided" },
      })

      const first = await api.post("/admin/stripe-collect/settings", { store_name: "Acme", error_email: "alerts@acme.test" }, { headers })
      expectNoSecrets(first)
      expect(first.data.stripe_check).toMatchObject({ checked: true, ok: false, reason: "refused" })
      expect(first.data.stripe_check.message).toContain("Stripe rejected the API key")
      expect(first.data.settings.connected).toBe(false)

      // Done again inside the throttle window: logged again, not emailed again.
      await api.post("/admin/stripe-collect/settings", { store_name: "Acme", error_email: "alerts@acme.test" }, { headers })

      const emails = sandbox.current().emails()
      expect(emails).toHaveLength(1)
      expect(emails[0].to).toEqual(["alerts@acme.test"])
      expect(emails[0].subject).toContain("Stripe refused the connection")

      const read = await api.get("/admin/stripe-collect/settings", { headers })
      expect(read.data.settings.store_name).toBe("Acme")
      expect(read.data.settings.recent_errors).toHaveLength(2)
      expect(read.data.settings.recent_errors.map((e: { email_status: string }) => e.email_status).sort()).toEqual(["emailed", "throttled"])
      expect(read.data.settings.recent_errors[0]).toMatchObject({
        kind: "stripe_access_rejected",
        operation: "Check the Stripe API key",
      })
    })

    it("says Stripe could not be reached (not that it refused the key) when it does not answer", async () => {
      await api.post("/admin/stripe-collect/settings", { store_name: "Acme", error_email: "alerts@acme.test" }, { headers })
      sandbox.current().addFault({ method: "GET", path: "/v1/account", dropConnection: true, times: "always" })

      const saved = await api.post("/admin/stripe-collect/settings", { store_name: "Acme", error_email: "alerts@acme.test" }, { headers })
      expect(saved.data.stripe_check).toMatchObject({ checked: true, ok: false, reason: "unreachable" })
      expect(saved.data.stripe_check.message).toMatch(/could not be reached/)
      // An outage is not a refusal: the store stays connected.
      expect(saved.data.settings.connected).toBe(true)
    })

    it("disconnects an API-key store without calling Stripe's deauthorize", async () => {
      await api.post("/admin/stripe-collect/settings", { store_name: "Acme", error_email: "alerts@acme.test" }, { headers })
      sandbox.current().clearRequests()

      const response = await api.post("/admin/stripe-collect/disconnect", {}, { headers })
      expect(response.status).toBe(200)
      expectNoSecrets(response)
      expect(response.data.deauthorized).toBe(false)
      expect(response.data.settings).toMatchObject({ connected: false, stripe_account_id: null, store_name: "Acme" })
      expect(
        sandbox
          .current()
          .requests()
          .filter((r) => r.path.startsWith("/oauth"))
      ).toHaveLength(0)
    })

    it("refuses to start Connect OAuth when no platform client id is configured", async () => {
      const response = await api.post("/admin/stripe-collect/connect", {}, { headers, ...anyStatus })
      expect(response.status).toBe(400)
      expectNoSecrets(response)
      expect(response.data.message).toContain("connect.clientId")
    })

    it("answers 401 on every route without a session, and never shows a secret", async () => {
      const calls = [
        api.get("/admin/stripe-collect/settings", anyStatus),
        api.post("/admin/stripe-collect/settings", { store_name: "A", error_email: "a@b.co" }, anyStatus),
        api.post("/admin/stripe-collect/connect", {}, anyStatus),
        api.get("/admin/stripe-collect/connect/callback?code=ac_x&state=abc", anyStatus),
        api.post("/admin/stripe-collect/disconnect", {}, anyStatus),
      ]
      for (const response of await Promise.all(calls)) {
        expect(response.status).toBe(401)
        expectNoSecrets(response)
      }
      expect(sandbox.current().requests()).toHaveLength(0)
    })
  },
})
