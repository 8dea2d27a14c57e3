// Events: list and retrieve what happened in this account (30 days on Stripe; since start here).
import { resourceMissing } from "../errors"
import { filterCreated, paginate } from "../list"
import type { StripeRoute } from "../route"

export const eventRoutes: StripeRoute[] = [
  {
    method: "GET",
    template: "/v1/events/{id}",
    handler: ({ scope, path }) => {
      const event = scope.data.events.get(path.id)
      if (!event) throw resourceMissing("event", path.id, "id")
      return event
    },
  },
  {
    method: "GET",
    template: "/v1/events",
    handler: ({ scope, params, url }) => {
      const type = params.string("type")
      const types = params.strings("types")
      const matchesType = (t: string) => {
        if (types.length) return types.includes(t)
        if (!type) return true
        // Stripe allows one wildcard: `payment_intent.*`
        if (type.endsWith(".*")) return t.startsWith(type.slice(0, -1))
        return t === type
      }
      const items = scope.data.events.newestFirst().filter((e) => matchesType(e.type))
      return paginate(filterCreated(items, params), params, url, "event")
    },
  },
]
