// Stripe's list objects: newest first, limit 1-100, starting_after / ending_before cursors, created ranges.
import type { Identified } from "./collection"
import { invalidRequest, resourceMissing } from "./errors"
import { isJsonObject, type Params } from "./params"

export interface ListObject<T> {
  object: "list"
  data: T[]
  has_more: boolean
  url: string
}

/** Keeps items whose `created` satisfies the `created` parameter (an integer or gt/gte/lt/lte). */
export function filterCreated<T extends Identified>(items: T[], params: Params): T[] {
  const created = params.raw.created
  if (created === undefined || created === "") return items
  if (typeof created === "number") return items.filter((i) => i.created === created)
  if (!isJsonObject(created)) return items
  const bound = (k: string) => {
    const value = created[k]
    return typeof value === "number" ? value : undefined
  }
  const [gt, gte, lt, lte] = [bound("gt"), bound("gte"), bound("lt"), bound("lte")]
  return items.filter(
    (i) =>
      (gt === undefined || i.created > gt) &&
      (gte === undefined || i.created >= gte) &&
      (lt === undefined || i.created < lt) &&
      (lte === undefined || i.created <= lte)
  )
}

/** One page of `newestFirst` (already filtered), as Stripe pages it. */
export function paginate<T extends Identified>(newestFirst: T[], params: Params, url: string, kind: string): ListObject<T> {
  const limit = params.integer("limit") ?? 10
  if (limit < 1 || limit > 100) throw invalidRequest("This value must be between 1 and 100 (limit).", { param: "limit" })
  const startingAfter = params.string("starting_after")
  const endingBefore = params.string("ending_before")
  let start = 0
  let end = newestFirst.length
  if (startingAfter) {
    const index = newestFirst.findIndex((i) => i.id === startingAfter)
    if (index < 0) throw resourceMissing(kind, startingAfter, "starting_after")
    start = index + 1
  } else if (endingBefore) {
    const index = newestFirst.findIndex((i) => i.id === endingBefore)
    if (index < 0) throw resourceMissing(kind, endingBefore, "ending_before")
    end = index
    start = Math.max(0, end - limit)
  }
  const data = newestFirst.slice(start, Math.min(end, start + limit))
  const hasMore = endingBefore ? start > 0 : start + limit < end
  return { object: "list", data, has_more: hasMore, url }
}
