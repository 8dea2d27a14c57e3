// The search endpoints' answer: Stripe's `search_result` page, with opaque `next_page` tokens.
import type { Identified } from "../collection"
import { invalidRequest, parameterMissing } from "../errors"
import type { Params } from "../params"
import { compileQuery, type SearchableResource } from "./query-fields"
import { parseSearchQuery } from "./query-parser"

export interface SearchResult<T> {
  object: "search_result"
  data: T[]
  has_more: boolean
  next_page: string | null
  url: string
  /** Only when `expand[]=total_count` is asked for, as on Stripe. */
  total_count?: number
}

// A page token names the last object returned, so objects created between pages do not shift later pages.
const pageToken = (lastId: string) => Buffer.from(JSON.stringify({ after: lastId }), "utf8").toString("base64url")

function afterIdOf(page: string): string {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(page, "base64url").toString("utf8"))
    if (typeof decoded === "object" && decoded !== null && "after" in decoded && typeof decoded.after === "string") return decoded.after
  } catch {
    // not a token this sandbox issued; answered below
  }
  throw invalidRequest(`Invalid page: ${page}. Pass the next_page value of a previous search result.`, { param: "page" })
}

/** Filters `newestFirst` (every object of the account, newest first) by `query` and answers one page of it. */
export function searchResult<T extends Identified>(
  newestFirst: T[],
  params: Params,
  url: string,
  resource: SearchableResource<T>
): SearchResult<T> {
  const query = params.string("query")
  if (!query) throw parameterMissing("query")
  const matches = compileQuery(parseSearchQuery(query), resource)
  const limit = params.integer("limit") ?? 10
  if (limit < 1 || limit > 100) throw invalidRequest("This value must be between 1 and 100 (limit).", { param: "limit" })
  const page = params.string("page")
  let start = 0
  if (page) {
    const afterId = afterIdOf(page)
    const index = newestFirst.findIndex((item) => item.id === afterId)
    if (index < 0) throw invalidRequest(`Invalid page: ${page}. Pass the next_page value of a previous search result.`, { param: "page" })
    start = index + 1
  }
  const data: T[] = []
  let hasMore = false
  for (let i = start; i < newestFirst.length; i++) {
    if (!matches(newestFirst[i])) continue
    if (data.length === limit) {
      hasMore = true
      break
    }
    data.push(newestFirst[i])
  }
  const result: SearchResult<T> = {
    object: "search_result",
    data,
    has_more: hasMore,
    next_page: hasMore ? pageToken(data[data.length - 1].id) : null,
    url,
  }
  if (params.strings("expand").includes("total_count")) result.total_count = newestFirst.filter(matches).length
  return result
}
