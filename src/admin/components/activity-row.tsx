import { StatusBadge, Text } from "@medusajs/ui"
import { formatDateTime } from "../lib/format-time"
import { formatMoney } from "../lib/money"
import { activityKindLabel, activityStatusDisplay, cardLabel } from "../lib/status-display"
import type { StripeActivity } from "../lib/stripe-collect-order"
import { backendUrl } from "../lib/sdk"
import { StripeDashboardLink } from "./stripe-dashboard-link"

type Props = { activity: StripeActivity }

/** One charge attempt, link event or error: what, how much, which card, when, and why it failed. */
export function ActivityRow({ activity }: Props) {
  const status = activityStatusDisplay(activity.status)
  const card = activity.payment_method ?? cardLabel(activity.card_brand, activity.card_last4)
  const failed = status.color === "red" || activity.failure_code !== null || activity.kind === "error"
  const reason = [activity.message, activity.decline_code ?? activity.failure_code]
    .filter((part): part is string => Boolean(part))
    .join(" · ")
  return (
    <li className="flex flex-col gap-y-0.5 py-2" data-testid={`stripe-collect-activity-${activity.id}`}>
      <div className="flex items-center justify-between gap-x-2">
        <Text size="small" weight="plus" leading="compact">
          {activityKindLabel(activity.kind)}
          {activity.amount !== null && activity.currency_code ? ` · ${formatMoney(activity.amount, activity.currency_code)}` : ""}
        </Text>
        <StatusBadge color={status.color} className="shrink-0">
          {status.label}
        </StatusBadge>
      </div>
      <Text size="xsmall" leading="compact" className="text-ui-fg-subtle">
        {card ? `${card} · ` : ""}
        {activity.card_entry_label ? `${activity.card_entry_label} · ` : ""}
        <time dateTime={activity.created_at}>{formatDateTime(activity.created_at)}</time>
      </Text>
      {reason && (
        <Text size="xsmall" leading="compact" className={failed ? "text-ui-fg-error" : "text-ui-fg-subtle"}>
          {reason}
        </Text>
      )}
      {activity.consent_text && (
        <Text size="xsmall" leading="compact" className="text-ui-fg-subtle">
          Card saved with the customer's consent: “{activity.consent_text}”
        </Text>
      )}
      {(activity.stripe_dashboard_url || activity.receipt_path) && (
        <div className="flex items-center gap-x-3">
          {activity.receipt_path && (
            // A plain link, authenticated by the dashboard's session cookie, like the invoice PDF.
            <a
              href={`${backendUrl.replace(/\/+$/, "")}${activity.receipt_path}`}
              download
              className="txt-compact-xsmall-plus text-ui-fg-interactive hover:text-ui-fg-interactive-hover rounded outline-none focus-visible:shadow-borders-focus"
              data-testid="stripe-collect-receipt-pdf"
            >
              Receipt PDF
            </a>
          )}
          {activity.stripe_dashboard_url && <StripeDashboardLink href={activity.stripe_dashboard_url} />}
        </div>
      )}
    </li>
  )
}
