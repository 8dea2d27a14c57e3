import { stripeErrorDetails } from "./errors"

export type RateLimitRetrySettings = {
  /** Attempts in all, the first one included. */
  attempts?: number
  /** First wait; doubles each time, with jitter. */
  baseDelayMs?: number
  sleep?: (ms: number) => Promise<void>
}

/**
 * Retries a Stripe call that was answered 429. The SDK retries connection errors and 5xx itself
 * but not 429; a 429 means Stripe did nothing, and our calls carry idempotency keys, so repeating is safe.
 */
export async function withRateLimitRetry<T>(
  call: () => Promise<T>,
  settings: RateLimitRetrySettings = {}
): Promise<T> {
  const attempts = Math.max(1, settings.attempts ?? 3)
  const baseDelayMs = settings.baseDelayMs ?? 500
  const sleep = settings.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
  for (let attempt = 1; ; attempt++) {
    try {
      return await call()
    } catch (error) {
      if (attempt >= attempts || stripeErrorDetails(error)?.kind !== "rate_limited") throw error
      const delay = baseDelayMs * 2 ** (attempt - 1)
      await sleep(delay / 2 + Math.random() * (delay / 2))
    }
  }
}
