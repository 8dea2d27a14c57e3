import { Text } from "@medusajs/ui"
import { useState } from "react"
import type { StripeActivity } from "../lib/stripe-collect-order"
import { ActivityRow } from "./activity-row"
import { ShowAllToggle } from "./show-all-toggle"

const SHOWN_AT_FIRST = 5

type Props = { activity: StripeActivity[] }

/** The order's Stripe activity, newest first. */
export function ActivityList({ activity }: Props) {
  const [expanded, setExpanded] = useState(false)
  const shown = expanded ? activity : activity.slice(0, SHOWN_AT_FIRST)
  return (
    <section className="flex flex-col px-6 py-4" aria-labelledby="stripe-collect-activity-title" data-testid="stripe-collect-activity">
      <Text size="small" weight="plus" id="stripe-collect-activity-title">
        Activity
      </Text>
      {activity.length === 0 ? (
        <Text size="small" className="text-ui-fg-subtle pt-1">
          No charges or payment links yet.
        </Text>
      ) : (
        <ul className="divide-y">
          {shown.map((item) => (
            <ActivityRow key={item.id} activity={item} />
          ))}
        </ul>
      )}
      <div>
        <ShowAllToggle total={activity.length} shown={SHOWN_AT_FIRST} expanded={expanded} onToggle={() => setExpanded((value) => !value)} />
      </div>
    </section>
  )
}
