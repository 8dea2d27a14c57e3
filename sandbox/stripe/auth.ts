// Who is calling: the API key (secret, restricted, publishable, or an OAuth access token) and the Stripe-Account header.
import type { IncomingHttpHeaders } from "http"
import { invalidApiKey, invalidRequest, missingApiKey, redactKey, StripeApiError } from "./errors"
import { PLATFORM_ACCOUNT_ID, type SandboxState } from "./state"

export interface Caller {
  /** The account the request acts in: the platform, or the connected account (header or OAuth token). */
  accountId: string
  key: string
  publishable: boolean
}

/** The key from `Authorization: Bearer <key>` or HTTP Basic `<key>:`. */
export function apiKeyFrom(headers: IncomingHttpHeaders): string | undefined {
  const header = headers.authorization
  if (!header) return undefined
  const bearer = /^Bearer\s+(.+)$/i.exec(header)
  if (bearer) return bearer[1].trim()
  const basic = /^Basic\s+(.+)$/i.exec(header)
  if (basic) return Buffer.from(basic[1], "base64").toString("utf8").split(":")[0]
  return undefined
}

function accountAccessError(key: string, account: string): StripeApiError {
  return invalidRequest(
    `The provided key '${redactKey(key)}' does not have access to account '${account}' (or that account does not exist). Application access may have been revoked.`,
    { code: "account_invalid" },
    403
  )
}

export function authenticate(state: SandboxState, headers: IncomingHttpHeaders, allowPublishable: boolean): Caller {
  const key = apiKeyFrom(headers)
  if (!key) throw missingApiKey()
  const headerAccount = typeof headers["stripe-account"] === "string" ? headers["stripe-account"].trim() : undefined

  const oauth = state.accountForAccessToken(key)
  if (oauth) {
    if (!oauth.connected) throw invalidApiKey(key)
    if (headerAccount && headerAccount !== oauth.account.id) throw accountAccessError(key, headerAccount)
    return { accountId: oauth.account.id, key, publishable: false }
  }

  const publishable = /^pk_test_\w+$/.test(key)
  if (!/^(sk|rk)_test_\w+$/.test(key) && !publishable) throw invalidApiKey(key)
  if (publishable && !allowPublishable) {
    throw invalidRequest(
      "This API call cannot be made with a publishable API key. Please use a secret API key. You can find a list of your API keys at https://dashboard.stripe.com/account/apikeys.",
      {},
      401
    )
  }
  if (!headerAccount || headerAccount === PLATFORM_ACCOUNT_ID) return { accountId: PLATFORM_ACCOUNT_ID, key, publishable }
  const connected = state.connected.get(headerAccount)
  if (!connected || !connected.connected) throw accountAccessError(key, headerAccount)
  return { accountId: headerAccount, key, publishable }
}
