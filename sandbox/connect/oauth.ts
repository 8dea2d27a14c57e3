// Stripe Connect OAuth (Standard accounts): authorization codes, /oauth/token, /oauth/deauthorize.
import { newId } from "../stripe/ids"
import { RawResponse, type StripeRoute } from "../stripe/route"
import { Scope, type SandboxCore } from "../stripe/scope"
import type { ConnectedAccount } from "../stripe/state"

/** Authorization codes are single-use and short-lived (5 minutes on Stripe). */
const CODE_LIFETIME_MS = 5 * 60 * 1000

/** Stripe's OAuth errors: `{ error, error_description }`, which stripe-node turns into StripeOAuthError subclasses. */
const oauthError = (status: number, error: string, description: string) =>
  new RawResponse(status, { error, error_description: description })

export interface ConsentRequest {
  clientId: string
  redirectUri: string
  state: string | null
  scope: string
  businessName: string
  email: string | null
}

/** Validates an authorize URL's query; returns a reason to show on the consent page when it is unusable. */
export function readConsentRequest(query: URLSearchParams): ConsentRequest | string {
  const clientId = query.get("client_id") ?? ""
  if (!/^ca_\w+$/.test(clientId)) return `Invalid client_id: '${clientId}'. It must be a Connect platform client id (ca_...).`
  const responseType = query.get("response_type") ?? "code"
  if (responseType !== "code") return `Invalid response_type: '${responseType}'. Only 'code' is supported.`
  const scope = query.get("scope") ?? "read_write"
  if (scope !== "read_write" && scope !== "read_only") return `Invalid scope: '${scope}'. Use read_write or read_only.`
  const redirectUri = query.get("redirect_uri") ?? ""
  try {
    const url = new URL(redirectUri)
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("scheme")
  } catch {
    return "Invalid redirect_uri: the sandbox needs an absolute http(s) redirect_uri."
  }
  return {
    clientId,
    redirectUri,
    state: query.get("state"),
    scope,
    businessName: query.get("stripe_user[business_name]") || "Sandbox Connected Store",
    email: query.get("stripe_user[email]"),
  }
}

function redirectWith(base: string, params: Record<string, string | null>): string {
  const url = new URL(base)
  for (const [k, v] of Object.entries(params)) if (v !== null) url.searchParams.set(k, v)
  return url.toString()
}

/** The merchant clicked Authorize: a connected account and a code, sent back to redirect_uri. */
export function approveConsent(core: SandboxCore, request: ConsentRequest): string {
  const connected = core.state.connectAccount(request.businessName, request.email, request.clientId)
  connected.scope = request.scope
  const code = newId.authorizationCode()
  core.state.authorizationCodes.set(code, {
    code,
    accountId: connected.account.id,
    clientId: request.clientId,
    scope: request.scope,
    createdAt: Date.now(),
    used: false,
  })
  new Scope(core, connected.account.id).emit("account.application.authorized", { id: request.clientId, object: "application" })
  return redirectWith(request.redirectUri, { scope: request.scope, code, state: request.state })
}

/** The merchant clicked Deny: Stripe's access_denied back to redirect_uri. */
export function denyConsent(request: ConsentRequest): string {
  return redirectWith(request.redirectUri, {
    error: "access_denied",
    error_description: "The user denied your request",
    state: request.state,
  })
}

function tokenResponse(connected: ConnectedAccount) {
  return {
    access_token: connected.accessToken,
    livemode: false,
    refresh_token: connected.refreshToken,
    token_type: "bearer",
    stripe_publishable_key: connected.publishableKey,
    stripe_user_id: connected.account.id,
    scope: connected.scope,
  }
}

export const oauthRoutes: StripeRoute[] = [
  {
    method: "POST",
    template: "/oauth/token",
    handler: ({ scope, params, apiKey }) => {
      const secret = apiKey || params.string("client_secret") || ""
      if (!secret) {
        throw oauthError(
          401,
          "invalid_client",
          "No authentication was provided. Send your secret API key using the Authorization header, or as a client_secret POST parameter."
        )
      }
      if (!/^sk_test_\w+$/.test(secret)) throw oauthError(401, "invalid_client", `Invalid API Key provided: ${secret.slice(0, 8)}****`)
      const grantType = params.string("grant_type")
      if (!grantType) throw oauthError(400, "invalid_request", "No grant type specified")
      const state = scope.state
      if (grantType === "refresh_token") {
        const token = params.string("refresh_token") ?? ""
        const connected = Array.from(state.connected.values()).find((c) => c.refreshToken === token && c.connected)
        if (!connected) throw oauthError(400, "invalid_grant", `Invalid refresh token: ${token}`)
        connected.accessToken = newId.accessToken()
        return new RawResponse(200, tokenResponse(connected))
      }
      if (grantType !== "authorization_code") throw oauthError(400, "unsupported_grant_type", `Unsupported grant type: ${grantType}`)
      const code = params.string("code")
      if (!code) throw oauthError(400, "invalid_request", "No authorization code provided")
      const record = state.authorizationCodes.get(code)
      if (!record) throw oauthError(400, "invalid_grant", `Authorization code does not exist: ${code}`)
      const connected = state.connected.get(record.accountId)
      if (record.used) {
        // Stripe revokes what a reused code issued: the platform must start over.
        if (connected) connected.accessToken = newId.accessToken()
        throw oauthError(
          400,
          "invalid_grant",
          "This authorization code has already been used. All tokens issued with this code have been revoked."
        )
      }
      if (Date.now() - record.createdAt > CODE_LIFETIME_MS) throw oauthError(400, "invalid_grant", `Authorization code expired: ${code}`)
      if (!connected || !connected.connected) throw oauthError(400, "invalid_grant", `Authorization code does not exist: ${code}`)
      record.used = true
      return new RawResponse(200, tokenResponse(connected))
    },
  },
  {
    method: "POST",
    template: "/oauth/deauthorize",
    handler: ({ scope, params, apiKey }) => {
      if (!/^sk_test_\w+$/.test(apiKey || params.string("client_secret") || "")) {
        throw oauthError(
          401,
          "invalid_client",
          "No authentication was provided. Send your secret API key using the Authorization header, or as a client_secret POST parameter."
        )
      }
      const clientId = params.string("client_id")
      const accountId = params.string("stripe_user_id")
      if (!clientId) throw oauthError(400, "invalid_request", "No client_id provided")
      if (!accountId) throw oauthError(400, "invalid_request", "No stripe_user_id provided")
      const connected = scope.state.connected.get(accountId)
      if (!connected || !connected.connected || (connected.clientId !== null && connected.clientId !== clientId)) {
        throw oauthError(
          401,
          "invalid_client",
          `This application is not connected to stripe account ${accountId}, or that account does not exist.`
        )
      }
      connected.connected = false
      const application = { id: clientId, object: "application", name: "Sandbox Connect platform" }
      new Scope(scope.core, accountId, scope.request).emit("account.application.deauthorized", application)
      return new RawResponse(200, { stripe_user_id: accountId })
    },
  },
]
