/**
 * Shows which key the server uses without revealing it: `sk_test_…abcd`.
 * Only Stripe's public prefix (`sk_test_`, `rk_live_`, ...) and the last four characters survive.
 */
export function maskApiKey(apiKey: string | undefined | null): string | null {
  if (!apiKey) {
    return null
  }
  const prefix = /^(sk|rk)_(test|live)_/.exec(apiKey)?.[0] ?? ""
  const rest = apiKey.slice(prefix.length)
  // A short key would be mostly revealed by its last four: show none of it then.
  const tail = rest.length >= 12 ? rest.slice(-4) : ""
  return `${prefix}…${tail}`
}
