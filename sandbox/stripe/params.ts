// Typed access to request parameters after validation has coerced them (integers, booleans, arrays).
import { invalidRequest } from "./errors"

export type Json = string | number | boolean | null | Json[] | JsonObject
export interface JsonObject {
  [key: string]: Json
}

export const isJsonObject = (value: unknown): value is JsonObject => typeof value === "object" && value !== null && !Array.isArray(value)

/** Reads coerced parameters; a value of the wrong shape means the spec let it through, so it is a 400. */
export class Params {
  constructor(readonly raw: JsonObject) {}

  has(name: string): boolean {
    return this.raw[name] !== undefined
  }

  string(name: string): string | undefined {
    const v = this.raw[name]
    if (v === undefined || v === null) return undefined
    if (typeof v !== "string") throw invalidRequest(`Invalid string: ${JSON.stringify(v)}`, { param: name })
    return v
  }

  /** A string where "" means "unset" (Stripe's convention for clearing optional fields). */
  nullableString(name: string): string | null | undefined {
    const v = this.string(name)
    return v === "" ? null : v
  }

  integer(name: string): number | undefined {
    const v = this.raw[name]
    if (v === undefined || v === null || v === "") return undefined
    if (typeof v !== "number") throw invalidRequest(`Invalid integer: ${String(v)}`, { param: name, code: "parameter_invalid_integer" })
    return v
  }

  boolean(name: string): boolean | undefined {
    const v = this.raw[name]
    if (v === undefined || v === null) return undefined
    if (typeof v !== "boolean") throw invalidRequest(`Invalid boolean: ${String(v)}`, { param: name })
    return v
  }

  object(name: string): Params | undefined {
    const v = this.raw[name]
    if (v === undefined || v === null || v === "") return undefined
    if (!isJsonObject(v)) throw invalidRequest(`Invalid object`, { param: name })
    return new Params(v)
  }

  objects(name: string): Params[] {
    const v = this.raw[name]
    if (v === undefined || v === null || v === "") return []
    if (!Array.isArray(v)) throw invalidRequest(`Invalid array`, { param: name })
    return v.map((item) => {
      if (!isJsonObject(item)) throw invalidRequest(`Invalid object`, { param: name })
      return new Params(item)
    })
  }

  strings(name: string): string[] {
    const v = this.raw[name]
    if (v === undefined || v === null || v === "") return []
    if (!Array.isArray(v)) throw invalidRequest(`Invalid array`, { param: name })
    return v.map((item) => String(item))
  }

  /** Stripe's metadata: string values; an empty string value (or metadata="") unsets. */
  metadata(name = "metadata"): Record<string, string> | "" | undefined {
    const v = this.raw[name]
    if (v === undefined || v === null) return undefined
    if (v === "") return ""
    if (!isJsonObject(v)) throw invalidRequest("Invalid hash", { param: name })
    const out: Record<string, string> = {}
    for (const [k, value] of Object.entries(v)) out[k] = value === null ? "" : String(value)
    return out
  }
}

/** Applies a metadata update the way Stripe does: keys merge, "" deletes a key, "" for the whole hash clears it. */
export function mergeMetadata(current: Record<string, string>, update: Record<string, string> | "" | undefined): Record<string, string> {
  if (update === undefined) return current
  if (update === "") return {}
  const next = { ...current }
  for (const [k, v] of Object.entries(update)) {
    if (v === "") delete next[k]
    else next[k] = v
  }
  return next
}

/** Metadata limits: 50 keys, keys up to 40 characters, values up to 500. */
export function checkMetadataLimits(metadata: Record<string, string>, param = "metadata"): void {
  const keys = Object.keys(metadata)
  if (keys.length > 50) throw invalidRequest("Invalid metadata: must contain at most 50 keys", { param })
  for (const k of keys) {
    if (k.length > 40)
      throw invalidRequest(`Invalid metadata: metadata keys must be at most 40 characters (${k})`, { param: `${param}[${k}]` })
    if (metadata[k].length > 500)
      throw invalidRequest(`Invalid metadata: metadata values must be at most 500 characters`, { param: `${param}[${k}]` })
  }
}
