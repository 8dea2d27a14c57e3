import { stripeErrorDetails } from "./errors"

/**
 * How the gateway repeats a Stripe request that got no definitive answer. The SDK's own retries are
 * off (src/stripe/client.ts), so these are the only ones, and every try carries the same idempotency key.
 */
export type StripeRetryPolicy = {
  /** Extra tries after a 5xx, a timeout or a lost connection: the provider's `maxNetworkRetries`. */
  maxNetworkRetries: number
  /** Extra tries after a 429 (Stripe did nothing), counted apart from the network ones. */
  maxRateLimitRetries: number
  /** The first wait; it doubles with each try, with jitter, up to maxDelayMs. */
  baseDelayMs: number
  maxDelayMs: number
  sleep: (ms: number) => Promise<void>
}

export const DEFAULT_RETRY_POLICY: StripeRetryPolicy = {
  maxNetworkRetries: 2,
  maxRateLimitRetries: 2,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  sleep: (ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
}

/**
 * "replayable": repeating cannot do the work twice (a read, a write with its idempotency key, a revoke).
 * "once": a try whose outcome is unknown must not be repeated (an OAuth code is single-use); only 429s are.
 */
export type Repeatability = "replayable" | "once"

/**
 * Runs `request` until Stripe answers definitively or the budget is spent. Retried: 429 (own budget),
 * 5xx, timeouts and lost connections (and a 409 "key in use" that follows one of those: our own try).
 * Never retried: every other 4xx (declines, bad requests, conflicts).
 * After the budget the last error is thrown as it is: a 5xx or timeout maps to "undecided", a 429 to
 * "rate_limited" (src/stripe/errors.ts). Once a try's outcome was unknown, a later 429 or idempotency
 * conflict (the first try still running) does not make it known: the unknown try's error is thrown.
 */
export async function withStripeRetry<T>(
  request: () => Promise<T>,
  policy: StripeRetryPolicy = DEFAULT_RETRY_POLICY,
  repeatability: Repeatability = "replayable"
): Promise<T> {
  let networkRetries = 0
  let rateLimitRetries = 0
  let unknownOutcome: { error: unknown } | undefined
  for (let tries = 1; ; tries++) {
    try {
      return await request()
    } catch (error) {
      const details = stripeErrorDetails(error)
      const kind = details?.kind
      // 409 on our own key after a lost answer: that earlier try is still running at Stripe; ask again later.
      const earlierTryStillRunning = unknownOutcome !== undefined && kind === "idempotency_conflict" && details?.status_code === 409
      if (kind === "undecided") unknownOutcome ??= { error }

      let retry = false
      if (!stripeSaysDoNotRetry(error)) {
        if (kind === "rate_limited" && rateLimitRetries < policy.maxRateLimitRetries) {
          rateLimitRetries += 1
          retry = true
        } else if (
          (kind === "undecided" || earlierTryStillRunning) &&
          repeatability === "replayable" &&
          networkRetries < policy.maxNetworkRetries
        ) {
          networkRetries += 1
          retry = true
        }
      }
      if (!retry) {
        const stillUnknown = kind === "rate_limited" || kind === "idempotency_conflict"
        throw unknownOutcome && stillUnknown ? unknownOutcome.error : error
      }
      await policy.sleep(backoffMs(tries, policy))
    }
  }
}

/** Exponential backoff with jitter: between half and all of base × 2^(tries−1), capped. */
export function backoffMs(tries: number, policy: Pick<StripeRetryPolicy, "baseDelayMs" | "maxDelayMs">): number {
  const delay = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (tries - 1))
  return delay / 2 + Math.random() * (delay / 2)
}

// Stripe's `Stripe-Should-Retry: false` says a repeat would only replay the same answer.
function stripeSaysDoNotRetry(error: unknown): boolean {
  if (typeof error !== "object" || error === null || !("headers" in error)) return false
  const headers = error.headers
  return typeof headers === "object" && headers !== null && "stripe-should-retry" in headers
    ? headers["stripe-should-retry"] === "false"
    : false
}
