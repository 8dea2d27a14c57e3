import { StatusBadge, Text } from "@medusajs/ui"
import type { OrderDispute } from "../lib/stripe-collect-order"
import { formatMoney } from "../lib/money"
import { StripeDashboardLink } from "./stripe-dashboard-link"

type Props = { disputes: OrderDispute[] }

const words = (value: string) => value.replace(/_/g, " ")

/** "Disputed" under the header while a dispute or inquiry is undecided, with where to answer it (in Stripe). */
export function DisputeBadge({ disputes }: Props) {
  const open = disputes.filter((d) => d.open)
  if (!open.length) return null
  return (
    <div className="flex flex-col gap-y-2 px-6 pb-4" data-testid="stripe-collect-disputed">
      {open.map((d) => (
        <div key={d.id} className="flex flex-col gap-y-1">
          <div className="flex items-center gap-x-2">
            <StatusBadge color="red">{d.status.startsWith("warning_") ? "Inquiry" : "Disputed"}</StatusBadge>
            <Text size="small" leading="compact">
              {formatMoney(d.amount, d.currency_code)} · {words(d.reason)} · {words(d.status)}
            </Text>
          </div>
          {d.evidence_due_by && /needs_response/.test(d.status) && (
            <Text size="small" leading="compact" className="text-ui-fg-subtle">
              Evidence due {new Date(d.evidence_due_by).toLocaleDateString()}; submit it in Stripe.
            </Text>
          )}
          {d.stripe_dashboard_url && <StripeDashboardLink href={d.stripe_dashboard_url} />}
        </div>
      ))}
    </div>
  )
}
