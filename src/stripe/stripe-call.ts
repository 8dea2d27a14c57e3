import { MedusaError } from "@medusajs/framework/utils"
import type Stripe from "stripe"
import { toMedusaError } from "./errors"
import type { StripeAccountRef } from "./gateway"
import { withStripeRetry, type StripeRetryPolicy } from "./retry"

/** What one SDK request needs from the gateway: the `Stripe-Account` header and the idempotency key. */
export type SendRequest<T> = (options: Stripe.RequestOptions) => Promise<T>

/**
 * How the resource files (src/stripe/resources/) reach Stripe: one account, the retry policy, the one
 * error mapper. `doing` completes "Stripe could not ..." in error messages, e.g. "charge the card".
 */
export interface StripeCall {
  readonly stripe: Stripe
  readonly account: StripeAccountRef
  /** A request whose repetition changes nothing: reads, deleting a customer, revoking access. */
  request<T>(doing: string, send: SendRequest<T>): Promise<T>
  /** A write: every try carries the same idempotency key, so Stripe does the work at most once. */
  write<T>(doing: string, key: string, send: SendRequest<T>): Promise<T>
  /** A request no key makes safe to repeat when its outcome is unknown (an OAuth code is single-use). */
  requestOnce<T>(doing: string, send: SendRequest<T>): Promise<T>
}

// Stripe keeps keys up to 255 characters (src/stripe/idempotency.ts builds them).
const MAX_IDEMPOTENCY_KEY_LENGTH = 255

export function stripeCall(stripe: Stripe, account: StripeAccountRef, retry: StripeRetryPolicy): StripeCall {
  const run = async <T>(doing: string, send: SendRequest<T>, options: Stripe.RequestOptions, once: boolean) => {
    try {
      return await withStripeRetry(() => send(options), retry, once ? "once" : "replayable")
    } catch (error) {
      throw toMedusaError(error, doing)
    }
  }
  const scoped: Stripe.RequestOptions = account ? { stripeAccount: account } : {}
  return {
    stripe,
    account,
    request: (doing, send) => run(doing, send, scoped, false),
    requestOnce: (doing, send) => run(doing, send, scoped, true),
    write: async (doing, key, send) => {
      if (!key || key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
        throw new MedusaError(
          MedusaError.Types.INVALID_ARGUMENT,
          `Could not ${doing}: a Stripe write needs an idempotency key of 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`
        )
      }
      return run(doing, send, { ...scoped, idempotencyKey: key }, false)
    },
  }
}
