/**
 * What is wrong with STRIPE_COLLECT_PUBLIC_URL for this API key, or null. With a live key customer links
 * are built only from it (never from a request's Host header), so it must be set and be https.
 */
export function publicUrlProblem(liveKey: boolean, value: string | undefined): string | null {
  if (!liveKey) {
    if (value && !/^https?:\/\/[^\s/]+/.test(value)) return `STRIPE_COLLECT_PUBLIC_URL must be an http(s) URL (got "${value}")`
    return null
  }
  if (!value) return "STRIPE_COLLECT_PUBLIC_URL must be set with a live Stripe key: the https:// URL customers reach this backend at"
  if (!/^https:\/\/[^\s/]+/.test(value)) {
    return `STRIPE_COLLECT_PUBLIC_URL must be an https:// URL with a live Stripe key (got "${value}"): customers' pay links must not travel in clear text`
  }
  return null
}
