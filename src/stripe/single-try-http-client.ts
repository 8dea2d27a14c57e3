import Stripe from "stripe"

// Node's codes for a connection closed under a request; the SDK repeats those once, whatever maxNetworkRetries says.
const CLOSED_CONNECTION_CODES = new Set(["ECONNRESET", "EPIPE"])

/** What a closed connection becomes: an ordinary connection error, so the SDK does not repeat it. */
export const CLOSED_CONNECTION_CODE = "STRIPE_COLLECT_CONNECTION_CLOSED"

/**
 * The SDK's HTTP client, except that a connection closed mid-request is reported instead of silently
 * sent again: the gateway's retry policy (src/stripe/retry.ts) counts every try, with backoff.
 */
export function singleTryHttpClient(inner: Stripe.HttpClient = Stripe.createNodeHttpClient()): Stripe.HttpClient {
  return {
    getClientName: () => inner.getClientName(),
    makeRequest: (...args: Parameters<Stripe.HttpClient["makeRequest"]>) =>
      inner.makeRequest(...args).catch((error: unknown) => {
        throw asReportedClosure(error)
      }),
  }
}

function asReportedClosure(error: unknown): unknown {
  const code = typeof error === "object" && error !== null && "code" in error ? error.code : undefined
  if (typeof code !== "string" || !CLOSED_CONNECTION_CODES.has(code)) return error
  const message = error instanceof Error ? error.message : code
  return Object.assign(new Error(`The connection to Stripe closed before it answered (${message})`), {
    code: CLOSED_CONNECTION_CODE,
    cause: error,
  })
}
