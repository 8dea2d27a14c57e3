// Stripe's search query language (https://docs.stripe.com/search#search-query-language), for the fields we store.
import type { Identified } from "./collection"
import { invalidRequest, parameterMissing } from "./errors"
import type { Params } from "./params"

type FieldValue = string | number | boolean | null | undefined

interface Clause {
  negate: boolean
  field: string
  metadataKey?: string
  operator: ":" | "~" | ">" | "<" | ">=" | "<="
  value: string | null
}

const CLAUSE = /^(-)?(?:metadata\[(['"])(.+?)\2\]|([a-z_.]+))\s*(>=|<=|:|~|>|<)\s*(?:(['"])(.*?)\6|(-?\d+(?:\.\d+)?)|(null))$/

function parseQuery(query: string): { clauses: Clause[]; mode: "AND" | "OR" } {
  const hasAnd = /\sAND\s/.test(query)
  const hasOr = /\sOR\s/.test(query)
  if (hasAnd && hasOr) throw invalidRequest("Search queries cannot mix AND and OR.", { param: "query" })
  const mode = hasOr ? "OR" : "AND"
  const parts = query.split(new RegExp(`\\s+${mode}\\s+|\\s+(?=(?:-)?(?:metadata\\[|[a-z_.]+\\s*(?:>=|<=|:|~|>|<)))`))
  const clauses = parts
    .map((p) => p.trim())
    .filter(Boolean)
    .map((part) => {
      const m = CLAUSE.exec(part)
      if (!m) throw invalidRequest(`Invalid search query: could not parse '${part}'.`, { param: "query" })
      const value = m[9] ? null : m[7] ?? m[8] ?? null
      return { negate: Boolean(m[1]), metadataKey: m[3], field: m[3] ? "metadata" : m[4], operator: m[5] as Clause["operator"], value }
    })
  return { clauses, mode }
}

function matches(value: FieldValue, clause: Clause): boolean {
  const target = clause.value
  switch (clause.operator) {
    case ":":
      if (target === null) return value === null || value === undefined
      return value !== null && value !== undefined && String(value).toLowerCase() === target.toLowerCase()
    case "~":
      return typeof value === "string" && target !== null && value.toLowerCase().includes(target.toLowerCase())
    default: {
      const n = Number(value)
      const t = Number(target)
      if (Number.isNaN(n) || Number.isNaN(t)) return false
      if (clause.operator === ">") return n > t
      if (clause.operator === "<") return n < t
      if (clause.operator === ">=") return n >= t
      return n <= t
    }
  }
}

export interface SearchResult<T> {
  object: "search_result"
  data: T[]
  has_more: boolean
  next_page: string | null
  url: string
}

/** Filters `newestFirst` by the `query` parameter and pages it with `page` tokens. */
export function searchResult<T extends Identified>(
  newestFirst: T[],
  params: Params,
  url: string,
  field: (item: T, name: string) => FieldValue,
  metadata: (item: T) => Record<string, string> | null,
): SearchResult<T> {
  const query = params.string("query")
  if (!query) throw parameterMissing("query")
  const { clauses, mode } = parseQuery(query)
  const test = (item: T) => {
    const results = clauses.map((c) => {
      const value = c.metadataKey !== undefined ? metadata(item)?.[c.metadataKey] : field(item, c.field)
      const hit = matches(value, c)
      return c.negate ? !hit : hit
    })
    return mode === "AND" ? results.every(Boolean) : results.some(Boolean)
  }
  const all = newestFirst.filter(test)
  const limit = params.integer("limit") ?? 10
  if (limit < 1 || limit > 100) throw invalidRequest("This value must be between 1 and 100 (limit).", { param: "limit" })
  const page = params.string("page")
  const offset = page ? Number(Buffer.from(page, "base64url").toString("utf8")) || 0 : 0
  const data = all.slice(offset, offset + limit)
  const hasMore = offset + limit < all.length
  return {
    object: "search_result",
    data,
    has_more: hasMore,
    next_page: hasMore ? Buffer.from(String(offset + limit), "utf8").toString("base64url") : null,
    url,
  }
}
