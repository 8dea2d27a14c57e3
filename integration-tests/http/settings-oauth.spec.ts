import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { AxiosResponse } from "axios"
import jwt from "jsonwebtoken"
import Stripe from "stripe"
import { getStripeAccountId } from "../../src/stripe-account/get-stripe-account-id"
import { stripeAccessRevokedWorkflow } from "../../src/workflows/forget-revoked-stripe-account"
import { adminEmail, createAdminHeaders } from "../helpers/admin"
import { SANDBOX_API_KEY, SANDBOX_WEBHOOK_SECRET, useSandbox } from "../helpers/sandbox"

jest.setTimeout(300_000)

const CLIENT_ID = "ca_test_stripe_collect_platform"

// Starts before the app boots, so medusa-config.ts points the provider at the sandbox.
const sandbox = useSandbox()

// medusa-config.ts reads the platform's client id when the app boots (the runner's `env` option
// is applied after the config is loaded), so it is set here first and restored after this file.
const previousClientId = process.env.STRIPE_CONNECT_CLIENT_ID
beforeAll(() => {
  process.env.STRIPE_CONNECT_CLIENT_ID = CLIENT_ID
})
afterAll(() => {
  if (previousClientId === undefined) delete process.env.STRIPE_CONNECT_CLIENT_ID
  else process.env.STRIPE_CONNECT_CLIENT_ID = previousClientId
})

// The platform key, restricted keys, webhook secrets, and the sandbox's OAuth access (sk_test_oauth...) and refresh (rt_...) tokens.
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

type ConsentChoice = "allow" | "deny"

/**
 * Plays the merchant on Stripe's consent page: opens the authorize URL, submits its form with
 * Authorize or Deny, and returns where Stripe redirects the browser (our callback URL).
 */
async function authorizeInStripe(authorizeUrl: string, decision: ConsentChoice): Promise<URL> {
  const page = await fetch(authorizeUrl)
  expect(page.status).toBe(200)
  const html = await page.text()
  const form = /<form[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/i.exec(html)
  if (!form) throw new Error(`No form on the consent page:\n${html.slice(0, 500)}`)
  const unescape = (value: string) =>
    value
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&")
  const fields = new URLSearchParams()
  for (const input of form[2].matchAll(/<input[^>]*>/gi)) {
    const name = /name="([^"]*)"/.exec(input[0])?.[1]
    if (name) fields.set(unescape(name), unescape(/value="([^"]*)"/.exec(input[0])?.[1] ?? ""))
  }
  expect(form[2]).toContain(`name="decision" value="${decision}"`)
  fields.set("decision", decision)

  const answer = await fetch(new URL(unescape(form[1]), authorizeUrl), {
    method: "POST",
    body: fields,
    redirect: "manual",
  })
  expect([302, 303]).toContain(answer.status)
  return new URL(answer.headers.get("location") ?? "")
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConnection }) => {
    let headers: Record<string, string>

    beforeEach(async () => {
      ;({ headers } = await createAdminHeaders(getContainer()))
      sandbox.current().reset()
    })

    /** Done on the settings page in OAuth mode: save, then start the authorization. */
    async function startConnect(h = headers): Promise<string> {
      const saved = await api.post(
        "/admin/stripe-collect/settings",
        { store_name: "Acme Outfitters", error_email: "alerts@acme.test" },
        { headers: h }
      )
      expect(saved.status).toBe(200)
      expect(saved.data.stripe_check).toEqual({ checked: false })
      const started = await api.post("/admin/stripe-collect/connect", {}, { headers: h })
      expect(started.status).toBe(200)
      expectNoSecrets(started)
      return started.data.authorize_url
    }

    /** Stripe's redirect back, followed by the admin's browser (their session comes along). */
    async function followCallback(callback: URL, h = headers) {
      const response = await api.get(`${callback.pathname}${callback.search}`, { headers: h, ...anyStatus })
      expectNoSecrets(response)
      expect(response.status).toBe(302)
      return new URL(response.headers.location, "http://backend.test")
    }

    it("starts in OAuth mode, not connected, without showing the platform's key", async () => {
      const response = await api.get("/admin/stripe-collect/settings", { headers })
      expectNoSecrets(response)
      expect(response.data.settings).toMatchObject({
        mode: "oauth",
        connected: false,
        api_key: null,
        error_email: adminEmail,
      })
      await expect(getStripeAccountId(getContainer())).rejects.toThrow(/No Stripe account is connected/)
    })

    it("connects through Stripe's consent page and then names the account in Stripe-Account", async () => {
      const authorizeUrl = new URL(await startConnect())
      const { stripe: apiBase } = sandbox.current()
      expect(authorizeUrl.origin).toBe(`http://${apiBase.host}:${apiBase.port}`)
      expect(authorizeUrl.pathname).toBe("/oauth/authorize")
      expect(authorizeUrl.searchParams.get("response_type")).toBe("code")
      expect(authorizeUrl.searchParams.get("client_id")).toBe(CLIENT_ID)
      expect(authorizeUrl.searchParams.get("scope")).toBe("read_write")
      expect(authorizeUrl.searchParams.get("state")!.length).toBeGreaterThanOrEqual(22)
      const redirectUri = new URL(authorizeUrl.searchParams.get("redirect_uri")!)
      expect(redirectUri.pathname).toBe("/admin/stripe-collect/connect/callback")

      const callback = await authorizeInStripe(authorizeUrl.toString(), "allow")
      expect(callback.pathname).toBe("/admin/stripe-collect/connect/callback")
      expect(callback.searchParams.get("state")).toBe(authorizeUrl.searchParams.get("state"))
      expect(callback.searchParams.get("code")).toBeTruthy()

      const landing = await followCallback(callback)
      expect(landing.pathname).toBe("/app/settings/stripe-collect")
      expect(landing.searchParams.get("connected")).toBe("1")

      const token = sandbox
        .current()
        .requests()
        .find((r) => r.path === "/oauth/token")
      expect(token?.method).toBe("POST")

      const read = await api.get("/admin/stripe-collect/settings", { headers })
      expectNoSecrets(read)
      const settings = read.data.settings
      expect(settings).toMatchObject({ mode: "oauth", connected: true, livemode: false, store_name: "Acme Outfitters" })
      expect(settings.stripe_account_id).toMatch(/^acct_/)

      // The account was read as the connected account, and the charge code gets the same id.
      const accountRead = sandbox
        .current()
        .requests()
        .find((r) => r.method === "GET" && r.path === "/v1/account")
      expect(accountRead?.account).toBe(settings.stripe_account_id)
      const accountId = await getStripeAccountId(getContainer())
      expect(accountId).toBe(settings.stripe_account_id)

      sandbox.current().clearRequests()
      const stripe = new Stripe(SANDBOX_API_KEY, { ...sandbox.current().stripe, maxNetworkRetries: 0 })
      await stripe.customers.create({ email: "buyer@example.test" }, { stripeAccount: accountId })
      const [created] = sandbox.current().requests()
      expect(created).toMatchObject({ method: "POST", path: "/v1/customers", account: accountId })
    })

    it("refuses a reused, a wrong, an expired and another admin's state", async () => {
      const callback = await authorizeInStripe(await startConnect(), "allow")
      expect((await followCallback(callback)).searchParams.get("connected")).toBe("1")

      // The same redirect again (a replayed or bookmarked URL): the state was spent.
      const reused = await followCallback(callback)
      expect(reused.searchParams.get("error")).toBe("oauth_state_missing")

      const wrong = new URL(callback)
      wrong.searchParams.set("state", "not-the-state-we-made")
      // The state was spent by the first callback, so no state is pending at all.
      expect((await followCallback(wrong)).searchParams.get("error")).toBe("oauth_state_missing")

      const fresh = await authorizeInStripe(await startConnect(), "allow")
      await dbConnection.raw(`update stripe_collect_connection set oauth_state_expires_at = now() - interval '1 second'`)
      expect((await followCallback(fresh)).searchParams.get("error")).toBe("oauth_state_expired")

      const other = await createSecondAdmin()
      const theirs = await authorizeInStripe(await startConnect(), "allow")
      expect((await followCallback(theirs, other)).searchParams.get("error")).toBe("oauth_state_other_admin")

      // None of these exchanged a code.
      const exchanges = sandbox
        .current()
        .requests()
        .filter((r) => r.path === "/oauth/token")
      expect(exchanges).toHaveLength(1)
    })

    it("tells the admin when they cancelled on Stripe's consent page", async () => {
      const callback = await authorizeInStripe(await startConnect(), "deny")
      expect(callback.searchParams.get("error")).toBe("access_denied")
      const landing = await followCallback(callback)
      expect(landing.pathname).toBe("/app/settings/stripe-collect")
      // A code the settings page words itself, never text from the URL.
      expect(landing.searchParams.get("error")).toBe("cancelled_in_stripe")
      const read = await api.get("/admin/stripe-collect/settings", { headers })
      expect(read.data.settings.connected).toBe(false)
    })

    it("deauthorizes the account in Stripe on disconnect", async () => {
      await followCallback(await authorizeInStripe(await startConnect(), "allow"))
      const accountId = (await api.get("/admin/stripe-collect/settings", { headers })).data.settings.stripe_account_id
      sandbox.current().clearRequests()

      const response = await api.post("/admin/stripe-collect/disconnect", {}, { headers })
      expect(response.status).toBe(200)
      expectNoSecrets(response)
      expect(response.data).toMatchObject({ deauthorized: true, settings: { connected: false, stripe_account_id: null } })

      const deauthorize = sandbox
        .current()
        .requests()
        .filter((r) => r.path === "/oauth/deauthorize")
      expect(deauthorize).toHaveLength(1)
      expect(deauthorize[0].params).toMatchObject({ client_id: CLIENT_ID, stripe_user_id: accountId })
      await expect(getStripeAccountId(getContainer())).rejects.toThrow(/No Stripe account is connected/)

      // The grant is gone in Stripe too: acting as the account is refused.
      const stripe = new Stripe(SANDBOX_API_KEY, { ...sandbox.current().stripe, maxNetworkRetries: 0 })
      await expect(stripe.accounts.retrieveCurrent({}, { stripeAccount: accountId })).rejects.toThrow()
    })

    it("forgets an account that revoked access in Stripe and emails the error address once", async () => {
      await followCallback(await authorizeInStripe(await startConnect(), "allow"))
      const accountId = (await api.get("/admin/stripe-collect/settings", { headers })).data.settings.stripe_account_id

      // Another account's revocation changes nothing here.
      const other = await stripeAccessRevokedWorkflow(getContainer()).run({ input: { stripe_account_id: "acct_1NotThisStore" } })
      expect(other.result.disconnected).toBe(false)

      const { result } = await stripeAccessRevokedWorkflow(getContainer()).run({
        input: { stripe_account_id: accountId, stripe_event_id: "evt_3Revoked" },
      })
      expect(result.disconnected).toBe(true)

      const settings = (await api.get("/admin/stripe-collect/settings", { headers })).data.settings
      expect(settings.connected).toBe(false)
      expect(settings.recent_errors[0]).toMatchObject({ kind: "stripe_access_rejected", email_status: "emailed" })
      const emails = sandbox.current().emails()
      expect(emails).toHaveLength(1)
      expect(emails[0].to).toEqual(["alerts@acme.test"])
      expect(emails[0].text).toContain(accountId)
    })

    it("answers 401 on the callback without a session", async () => {
      const callback = await authorizeInStripe(await startConnect(), "allow")
      const response = await api.get(`${callback.pathname}${callback.search}`, anyStatus)
      expect(response.status).toBe(401)
      expectNoSecrets(response)
    })

    /** Another admin of the same store, with their own session. */
    async function createSecondAdmin(): Promise<Record<string, string>> {
      const container = getContainer()
      const user = await container.resolve(Modules.USER).createUsers({ email: "second@stripe-collect.test" })
      const identity = await container.resolve(Modules.AUTH).createAuthIdentities({
        provider_identities: [{ provider: "emailpass", entity_id: "second@stripe-collect.test" }],
        app_metadata: { user_id: user.id },
      })
      const secret = container.resolve(ContainerRegistrationKeys.CONFIG_MODULE).projectConfig.http.jwtSecret as string
      const token = jwt.sign({ actor_id: user.id, actor_type: "user", auth_identity_id: identity.id }, secret, {
        expiresIn: "1h",
      })
      return { authorization: `Bearer ${token}` }
    }
  },
})
