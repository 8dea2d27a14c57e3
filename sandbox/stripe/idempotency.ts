// Idempotency-Key semantics as Stripe documents them: replay on repeat, refuse on reuse with other params.
import { invalidRequest, StripeApiError } from "./errors"
import type { FormObject, FormValue } from "../http/form"
import { MAX_IDEMPOTENCY_KEYS, type AccountData, type IdempotencyRecord } from "./state"

/** Stripe keeps keys for at least 24 hours. */
const KEY_LIFETIME_MS = 24 * 60 * 60 * 1000

function canonical(value: FormValue): string {
  if (typeof value === "string") return JSON.stringify(value)
  return `{${Object.keys(value)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
    .join(",")}}`
}

export const fingerprint = (params: FormObject) => canonical(params)

export type IdempotencyOutcome = { kind: "new"; record: IdempotencyRecord } | { kind: "replay"; record: IdempotencyRecord }

/** Looks the key up; a different endpoint or parameters is Stripe's 400 idempotency_error, a concurrent use a 409. */
export function beginIdempotent(data: AccountData, key: string, method: string, path: string, params: FormObject): IdempotencyOutcome {
  if (key.length > 255) {
    throw invalidRequest("Idempotency keys must be no more than 255 characters long.", { param: "Idempotency-Key" })
  }
  const existing = data.idempotency.get(key)
  if (existing && Date.now() - existing.createdAt > KEY_LIFETIME_MS) data.idempotency.delete(key)
  const record = data.idempotency.get(key)
  const print = fingerprint(params)
  if (record) {
    if (record.inProgress) {
      throw new StripeApiError(409, {
        type: "idempotency_error",
        code: "idempotency_key_in_use",
        message:
          "There is currently another in-progress request using this Stripe API key (or connected account) and idempotency key. This probably means you made simultaneous requests, please try again later.",
      })
    }
    if (record.method !== method || record.path !== path) {
      throw new StripeApiError(400, {
        type: "idempotency_error",
        message: `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${method} ${record.path}' vs '${method} ${path}'). Try using a key other than '${key}' if you meant to execute a different request.`,
      })
    }
    if (record.fingerprint !== print) {
      throw new StripeApiError(400, {
        type: "idempotency_error",
        message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
      })
    }
    return { kind: "replay", record }
  }
  const fresh: IdempotencyRecord = { method, path, fingerprint: print, inProgress: true, status: 0, body: null, createdAt: Date.now() }
  data.idempotency.set(key, fresh)
  if (data.idempotency.size > MAX_IDEMPOTENCY_KEYS) {
    const oldest = data.idempotency.keys().next().value
    if (oldest !== undefined) data.idempotency.delete(oldest)
  }
  return { kind: "new", record: fresh }
}

/** Saves what the endpoint answered; only requests that started executing are saved (not validation failures). */
export function finishIdempotent(
  data: AccountData,
  key: string,
  record: IdempotencyRecord,
  status: number,
  body: unknown,
  executed: boolean
): void {
  if (!executed) {
    data.idempotency.delete(key)
    return
  }
  record.inProgress = false
  record.status = status
  record.body = body
}
