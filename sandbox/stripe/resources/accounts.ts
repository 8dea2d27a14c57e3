// The account behind the key (GET /v1/account) and connected accounts (GET /v1/accounts/:id).
import { invalidRequest, resourceMissing } from "../errors"
import { mergeMetadata } from "../params"
import type { StripeRoute } from "../route"
import type { Scope } from "../scope"

function currentAccount(scope: Scope) {
  const connected = scope.connectedAccountId
  if (!connected) return scope.state.platform
  const account = scope.state.connected.get(connected)
  if (!account) throw resourceMissing("account", connected)
  return account.account
}

export const accountRoutes: StripeRoute[] = [
  { method: "GET", template: "/v1/account", handler: ({ scope }) => currentAccount(scope) },
  {
    method: "GET",
    template: "/v1/accounts/{account}",
    handler: ({ scope, path }) => {
      if (path.account === scope.accountId) return currentAccount(scope)
      const connected = scope.state.connected.get(path.account)
      if (scope.connectedAccountId || !connected || !connected.connected) {
        throw invalidRequest(
          `The provided key does not have access to account '${path.account}' (or that account does not exist). Application access may have been revoked.`,
          { code: "account_invalid" },
          403
        )
      }
      return connected.account
    },
  },
  {
    method: "POST",
    template: "/v1/accounts/{account}",
    handler: ({ scope, params, path }) => {
      const account = path.account === scope.accountId ? currentAccount(scope) : scope.state.connected.get(path.account)?.account
      if (!account) throw resourceMissing("account", path.account, "account")
      if (params.has("metadata")) account.metadata = mergeMetadata(account.metadata ?? {}, params.metadata())
      const profile = params.object("business_profile")
      if (profile && account.business_profile) {
        account.business_profile.name = profile.nullableString("name") ?? account.business_profile.name
        account.business_profile.support_email = profile.nullableString("support_email") ?? account.business_profile.support_email
        account.business_profile.url = profile.nullableString("url") ?? account.business_profile.url
      }
      scope.emit("account.updated", account)
      return account
    },
  },
]
