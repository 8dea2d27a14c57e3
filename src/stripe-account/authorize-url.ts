export type StripeApiBase = { host: string; port?: number; protocol?: "http" | "https" }

/** Real Stripe serves the consent page on connect.stripe.com, not on the API host. */
const STRIPE_CONNECT_ORIGIN = "https://connect.stripe.com"

/**
 * Stripe's Connect OAuth authorize URL. Built here because the SDK's `oauth.authorizeUrl()`
 * drops the port of an overridden API base (the local sandbox).
 */
export function buildAuthorizeUrl(input: { clientId: string; state: string; redirectUri: string; apiBase?: StripeApiBase }): string {
  const origin = input.apiBase
    ? `${input.apiBase.protocol ?? "https"}://${input.apiBase.host}${input.apiBase.port ? `:${input.apiBase.port}` : ""}`
    : STRIPE_CONNECT_ORIGIN
  const url = new URL("/oauth/authorize", origin)
  url.searchParams.set("response_type", "code")
  url.searchParams.set("client_id", input.clientId)
  url.searchParams.set("scope", "read_write")
  url.searchParams.set("state", input.state)
  url.searchParams.set("redirect_uri", input.redirectUri)
  return url.toString()
}
