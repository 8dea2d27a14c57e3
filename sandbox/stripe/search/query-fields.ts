// The fields a resource can be searched by, their types, and how a parsed query matches an object.
import { invalidRequest } from "../errors"
import type { SearchClause, SearchQuery, SearchValue } from "./query-parser"

type FieldValue = string | number | boolean | null | undefined

/** Stripe's field types: exact match for all, substring (~) for strings, comparisons for numbers. */
export type SearchField<T> =
  | { type: "string"; read: (item: T) => string | null | undefined }
  | { type: "token"; read: (item: T) => string | null | undefined }
  | { type: "numeric"; read: (item: T) => number | null | undefined }
  | { type: "boolean"; read: (item: T) => boolean | null | undefined }

export interface SearchableResource<T> {
  /** As in Stripe's messages and docs anchors, e.g. "payment_intents". */
  name: string
  fields: Record<string, SearchField<T>>
  metadata: (item: T) => Record<string, string> | null | undefined
}

export const stringField = <T>(read: (item: T) => string | null | undefined): SearchField<T> => ({ type: "string", read })
export const tokenField = <T>(read: (item: T) => string | null | undefined): SearchField<T> => ({ type: "token", read })
export const numericField = <T>(read: (item: T) => number | null | undefined): SearchField<T> => ({ type: "numeric", read })
export const booleanField = <T>(read: (item: T) => boolean | null | undefined): SearchField<T> => ({ type: "boolean", read })

/** Substring matching needs at least this many characters (as Stripe requires). */
const MIN_SUBSTRING = 3

const badClause = (message: string) => invalidRequest(message, { param: "query" })

const unsupportedField = (field: string, resource: string) =>
  badClause(
    `Field \`${field}\` is an unsupported search field for resource \`${resource}\`. See http://stripe.com/docs/search#query-fields-for-${resource.replace(/_/g, "-")} for a list of supported fields.`
  )

const valueText = (value: SearchValue): string | null => {
  if (value.kind === "text" || value.kind === "number") return value.text
  if (value.kind === "boolean") return String(value.value)
  return null
}

/** Throws Stripe's 400 for a clause the resource cannot answer: unknown field, or an operator its type lacks. */
function checkClause<T>(clause: SearchClause, resource: SearchableResource<T>): void {
  const name = clause.metadataKey !== undefined ? "metadata" : clause.field
  const type = clause.metadataKey !== undefined ? "token" : resource.fields[clause.field]?.type
  if (!type) throw unsupportedField(clause.field, resource.name)
  const { operator, value } = clause
  if (value.kind === "null" && operator !== ":") throw badClause(`null can only be matched with ':' (field \`${name}\`).`)
  if (operator === "~") {
    if (type !== "string") throw badClause(`Field \`${name}\` does not support substring matching (~); use ':' for an exact match.`)
    const text = valueText(value) ?? ""
    if (text.length < MIN_SUBSTRING)
      throw badClause(`Substring matching (~) needs at least ${MIN_SUBSTRING} characters; \`${name}~\` was given ${text.length}.`)
    return
  }
  if (operator !== ":") {
    if (type !== "numeric")
      throw badClause(`Field \`${name}\` does not support numeric comparison (${operator}); use ':' for an exact match.`)
    if (value.kind !== "number") throw badClause(`Numeric comparison (${operator}) on \`${name}\` needs a number.`)
    return
  }
  if (type === "numeric" && value.kind !== "number" && value.kind !== "null")
    throw badClause(`Field \`${name}\` is numeric; match it with a number, as in ${name}:1000.`)
  if (type === "boolean" && value.kind === "text" && !["true", "false"].includes(value.text.toLowerCase())) {
    throw badClause(`Field \`${name}\` is true or false.`)
  }
}

function clauseHolds(actual: FieldValue, clause: SearchClause, type: SearchField<unknown>["type"]): boolean {
  const { operator, value } = clause
  if (value.kind === "null") return actual === null || actual === undefined
  if (actual === null || actual === undefined) return false
  if (type === "numeric") {
    const target = value.kind === "number" ? value.number : Number.NaN
    const n = Number(actual)
    if (operator === ">") return n > target
    if (operator === "<") return n < target
    if (operator === ">=") return n >= target
    if (operator === "<=") return n <= target
    return n === target
  }
  const wanted = valueText(value) ?? ""
  const text = String(actual)
  // Strings match without regard to case; tokens (ids, statuses, metadata) exactly.
  if (operator === "~") return text.toLowerCase().includes(wanted.toLowerCase())
  return type === "token" ? text === wanted : text.toLowerCase() === wanted.toLowerCase()
}

/** Checks every clause against the resource's fields (Stripe's 400s), then returns the object test. */
export function compileQuery<T>(query: SearchQuery, resource: SearchableResource<T>): (item: T) => boolean {
  for (const clause of query.clauses) checkClause(clause, resource)
  const tests = query.clauses.map((clause) => {
    const test = (item: T): boolean => {
      if (clause.metadataKey !== undefined) return clauseHolds(resource.metadata(item)?.[clause.metadataKey], clause, "token")
      const field = resource.fields[clause.field]
      return clauseHolds(field.read(item), clause, field.type)
    }
    return clause.negated ? (item: T) => !test(item) : test
  })
  return query.join === "AND" ? (item) => tests.every((t) => t(item)) : (item) => tests.some((t) => t(item))
}
