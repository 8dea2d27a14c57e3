import type { EventsGateway } from "../gateway"
import type { StripeCall } from "../stripe-call"

/** Stripe's list of what happened on the account: reconciliation walks it from a cursor. */
export function eventsGateway(call: StripeCall): EventsGateway {
  const { stripe } = call
  return {
    listAfter: async ({ types, after, created_after, limit }) => {
      const page = await call.request("read Stripe's events", (options) =>
        stripe.events.list(
          {
            types,
            limit,
            ...(after ? { ending_before: after } : {}),
            ...(created_after ? { created: { gte: created_after } } : {}),
          },
          options
        )
      )
      return { events: page.data, has_more: page.has_more }
    },
  }
}
