import { createHash } from "crypto"

/**
 * Idempotency keys for Stripe: one operation name plus our own record ids, so a retried request
 * (by the SDK, Medusa or a person) is the same request to Stripe. Medusa reuses one key for several
 * operations (the session id for initiate and authorize), hence the operation name in front.
 */
export function idempotencyKey(operation: string, ...parts: Array<string | number | undefined | null>): string {
  const key = ["stripe-collect", operation, ...parts.filter((p) => p !== undefined && p !== null && p !== "")].map(String).join(":")
  // Stripe allows 255 characters; longer keys keep a readable head and a digest of the rest.
  return key.length <= 255 ? key : `${key.slice(0, 200)}:${digest(key)}`
}

/** A short stable digest of request parameters, for keys of requests whose parameters may change. */
export function digest(value: unknown): string {
  return createHash("sha256").update(stableJson(value)).digest("hex").slice(0, 24)
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`
  if (value && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`
  }
  return JSON.stringify(value) ?? "null"
}
