import type { EventsGateway } from "../gateway"
import type { StripeCall } from "../stripe-call"

/** Stripe's list of what happened on the account: reconciliation walks it from a cursor. */
export function eventsGateway(call: StripeCall): EventsGateway {
  const { stripe } = call
  return {
    list: async ({ types, ending_before, starting_after, created_gte, limit }) => {
      const page = await call.request("read Stripe's events", (options) =>
        stripe.events.list(
          {
            types,
            limit,
            ...(ending_before ? { ending_before } : {}),
            ...(starting_after ? { starting_after } : {}),
            ...(created_gte ? { created: { gte: created_gte } } : {}),
          },
          options
        )
      )
      return { events: page.data, has_more: page.has_more }
    },
  }
}
