import type { MedusaContainer } from "@medusajs/framework/types"
import type Stripe from "stripe"
import { STRIPE_COLLECT_MODULE } from "../modules/stripe-collect"
import type StripeCollectModuleService from "../modules/stripe-collect/service"
import { getStripeAccountId } from "../stripe-account/get-stripe-account-id"
import { findStripeConnection } from "../stripe-account/stripe-connection"
import { stripeGateway } from "../stripe/configured-gateway"
import { handleStripeEvent } from "../webhooks/handle-stripe-event"
import { stripeEventContext } from "../webhooks/stripe-event-context"
import { MONEY_OUT_EVENT_TYPES } from "../webhooks/webhook-events"

export type MoneyOutSummary = {
  /** Refund and dispute events read from Stripe since the last run. */
  events: number
  /** Of those, the ones no webhook had brought: handled now. */
  handled: number
  failed: number
}

const PAGE = 100

/**
 * Heals missed refund and dispute webhooks: walks Stripe's list of those events from where the last run
 * stopped (the first run looks back `hours`), and hands each one not handled yet to the webhook entry's own
 * handling (deduplicated by Stripe's event id). Its cost grows with the refunds and disputes that happened
 * since, not with the account's history.
 */
export async function reconcileMoneyOut(container: MedusaContainer, options: { hours: number }): Promise<MoneyOutSummary> {
  const service = container.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)
  const account = await getStripeAccountId(container).catch(() => undefined)
  const { events: stripeEvents } = stripeGateway(container).onAccount(account)
  const connection = await findStripeConnection(container)
  const cursor = connection?.money_out_event_cursor ?? undefined

  // Oldest first, so a refund's failure is handled after its creation.
  const found: Stripe.Event[] = []
  if (cursor) {
    let before = cursor
    for (;;) {
      const page = await stripeEvents.list({ types: [...MONEY_OUT_EVENT_TYPES], ending_before: before, limit: PAGE })
      found.push(...[...page.events].reverse())
      if (!page.has_more || !page.events.length) break
      before = page.events[0].id
    }
  } else {
    const since = Math.floor(Date.now() / 1000) - options.hours * 3600
    const newestFirst: Stripe.Event[] = []
    let after: string | undefined
    for (;;) {
      const page = await stripeEvents.list({ types: [...MONEY_OUT_EVENT_TYPES], starting_after: after, created_gte: since, limit: PAGE })
      newestFirst.push(...page.events)
      if (!page.has_more || !page.events.length) break
      after = page.events[page.events.length - 1].id
    }
    found.push(...newestFirst.reverse())
  }

  const summary: MoneyOutSummary = { events: found.length, handled: 0, failed: 0 }
  const context = stripeEventContext(container)
  let reached = cursor
  for (const listed of found) {
    // Listed on a connected account, an event may not name it: it is that account's.
    const event: Stripe.Event = account && !listed.account ? { ...listed, account } : listed
    const receipt = await service.receiveStripeEvent({
      event_id: event.id,
      type: event.type,
      account: event.account ?? null,
      object_id: (event.data.object as { id?: string }).id ?? null,
      received_at: new Date(),
    })
    if (!receipt.handled) {
      try {
        await handleStripeEvent({ event, event_row_id: receipt.id, received_at: new Date().toISOString() }, context)
        summary.handled++
      } catch {
        // Its row says failed; the cursor stops before it, so the next run reads it again.
        summary.failed++
        break
      }
    }
    reached = event.id
  }
  if (connection && reached && reached !== cursor) {
    await service.updateStripeConnections({ id: connection.id, money_out_event_cursor: reached })
  }
  return summary
}
