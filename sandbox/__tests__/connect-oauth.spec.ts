// Contract (sandbox): Connect OAuth consent, token exchange, Stripe-Account scoping, deauthorization.
import Stripe from "stripe"
import { failure, itSandboxOnly, SANDBOX_KEY, useContractTarget } from "./helpers/contract"
import { getPage, postForm } from "./helpers/http"
import { startWebhookReceiver } from "./helpers/webhook-receiver"

const target = useContractTarget()
const CLIENT_ID = "ca_test_contract_platform"
const REDIRECT = "https://admin.shop.example/stripe/callback"

function authorizeUrl(state: string): string {
  const url = new URL("/oauth/authorize", target().sandbox().url)
  url.search = new URLSearchParams({
    response_type: "code",
    client_id: CLIENT_ID,
    scope: "read_write",
    redirect_uri: REDIRECT,
    state,
    "stripe_user[email]": "owner@store.example",
  }).toString()
  return url.toString()
}

/** Plays the merchant: submits the consent form with a decision, returns the redirect back to the platform. */
async function decide(state: string, decision: "allow" | "deny", businessName = "Corner Store"): Promise<URL> {
  const page = await getPage(authorizeUrl(state))
  expect(page.status).toBe(200)
  const fields: Record<string, string> = { decision, business_name: businessName, email: "owner@store.example" }
  for (const [, name, value] of page.body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g))
    fields[name.replace(/&#39;/g, "'")] = value.replace(/&amp;/g, "&")
  const answer = await postForm(`${target().sandbox().url}/oauth/authorize`, fields)
  expect(answer.status).toBe(303)
  return new URL(answer.location ?? "")
}

async function connect(businessName = "Corner Store") {
  const callback = await decide("state-123", "allow", businessName)
  const token = await target().stripe.oauth.token({ grant_type: "authorization_code", code: callback.searchParams.get("code") ?? "" })
  return token
}

describe("Connect OAuth", () => {
  itSandboxOnly("shows a consent page and redirects back with a code and the state", async () => {
    const page = await getPage(authorizeUrl("abc"))
    expect(page.body).toContain('data-testid="oauth-consent"')
    expect(page.body).toContain('name="decision" value="allow"')
    expect(page.body).toContain('name="decision" value="deny"')
    const callback = await decide("state-xyz", "allow")
    expect(`${callback.origin}${callback.pathname}`).toBe(REDIRECT)
    expect(callback.searchParams.get("state")).toBe("state-xyz")
    expect(callback.searchParams.get("code")).toMatch(/^ac_/)
    expect(callback.searchParams.get("scope")).toBe("read_write")
  })

  itSandboxOnly("redirects with error=access_denied when the merchant denies", async () => {
    const callback = await decide("state-deny", "deny")
    expect(callback.searchParams.get("error")).toBe("access_denied")
    expect(callback.searchParams.get("state")).toBe("state-deny")
    expect(callback.searchParams.get("code")).toBeNull()
  })

  itSandboxOnly("refuses an authorize URL without a valid client_id", async () => {
    const page = await getPage(`${target().sandbox().url}/oauth/authorize?response_type=code&redirect_uri=${encodeURIComponent(REDIRECT)}`)
    expect(page.status).toBe(400)
  })

  itSandboxOnly("exchanges the code once for the connected account's id and keys", async () => {
    const { stripe } = target()
    const callback = await decide("s", "allow")
    const code = callback.searchParams.get("code") ?? ""
    const token = await stripe.oauth.token({ grant_type: "authorization_code", code })
    expect(token).toMatchObject({ token_type: "bearer", livemode: false, scope: "read_write" })
    expect(token.stripe_user_id).toMatch(/^acct_/)
    expect(token.access_token).toMatch(/^sk_test_/)
    expect(token.refresh_token).toMatch(/^rt_/)
    expect(token.stripe_publishable_key).toMatch(/^pk_test_/)

    const reused = await failure(() => stripe.oauth.token({ grant_type: "authorization_code", code }))
    expect(reused.type).toBe("StripeInvalidGrantError")
    const unknown = await failure(() => stripe.oauth.token({ grant_type: "authorization_code", code: "ac_nope" }))
    expect(unknown.type).toBe("StripeInvalidGrantError")
    expect(unknown.message).toMatch(/does not exist/)
  })

  itSandboxOnly("scopes objects to the connected account named in Stripe-Account", async () => {
    const { stripe, client } = target()
    const token = await connect("Scoped Store")
    const account = token.stripe_user_id ?? ""
    const asAccount = client(SANDBOX_KEY, { stripeAccount: account })

    const me = await asAccount.accounts.retrieveCurrent()
    expect(me).toMatchObject({ id: account, object: "account", charges_enabled: true })
    expect(me.business_profile?.name).toBe("Scoped Store")
    const platform = await stripe.accounts.retrieveCurrent()
    expect(platform.id).not.toBe(account)

    const intent = await asAccount.paymentIntents.create({
      amount: 1000,
      currency: "usd",
      allowed_payment_method_types: ["card"],
      payment_method: "pm_card_visa",
      confirm: true,
      application_fee_amount: 100,
    })
    expect(intent.status).toBe("succeeded")
    const missingOnPlatform = await failure(() => stripe.paymentIntents.retrieve(intent.id))
    expect(missingOnPlatform.statusCode).toBe(404)
    const withToken = new Stripe(token.access_token ?? "", { ...target().sandbox().stripe, maxNetworkRetries: 0 })
    await expect(withToken.paymentIntents.retrieve(intent.id)).resolves.toMatchObject({ id: intent.id })

    const log = target()
      .sandbox()
      .requests()
      .filter((r) => r.path === "/v1/payment_intents" && r.method === "POST")
    expect(log[log.length - 1].account).toBe(account)
  })

  it("refuses application_fee_amount on the platform's own payments", async () => {
    const error = await failure(() =>
      target().stripe.paymentIntents.create({
        amount: 1000,
        currency: "usd",
        allowed_payment_method_types: ["card"],
        application_fee_amount: 100,
      })
    )
    expect(error.statusCode).toBe(400)
    expect(error.message).toMatch(/application_fee_amount/)
  })

  itSandboxOnly("deauthorizes: account.application.deauthorized is sent with the account, and access ends", async () => {
    const { stripe, sandbox, client } = target()
    const token = await connect("Leaving Store")
    const account = token.stripe_user_id ?? ""
    const receiver = await startWebhookReceiver()
    sandbox().setWebhookUrl(receiver.url)
    try {
      const result = await stripe.oauth.deauthorize({ client_id: CLIENT_ID, stripe_user_id: account })
      expect(result.stripe_user_id).toBe(account)
      await receiver.waitFor(1)
      const event = new Stripe("sk_test_verifier").webhooks.constructEvent(
        receiver.received[0].rawBody,
        receiver.received[0].signature,
        sandbox().webhookSecret
      )
      expect(event.type).toBe("account.application.deauthorized")
      expect(event.account).toBe(account)
      expect(event.data.object).toMatchObject({ id: CLIENT_ID, object: "application" })

      const denied = await failure(() => client(SANDBOX_KEY, { stripeAccount: account }).customers.list())
      expect(denied.statusCode).toBe(403)
      const again = await failure(() => stripe.oauth.deauthorize({ client_id: CLIENT_ID, stripe_user_id: account }))
      expect(again.type).toBe("StripeInvalidClientError")
    } finally {
      sandbox().setWebhookUrl(null)
      await receiver.close()
    }
  })
})
