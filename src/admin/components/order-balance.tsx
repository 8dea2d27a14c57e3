import { StatusBadge, Text } from "@medusajs/ui"
import { formatMoney } from "../lib/money"
import type { OrderBalance as Balance } from "../lib/stripe-collect-order"

type Props = { order: Balance }

/** What is still owed, big, with what has been paid (net of refunds) of the total. */
export function OrderBalance({ order }: Props) {
  const currency = order.currency_code
  // Net of refunds, as Medusa's own Paid Total reads (its order total drops by the refund's credit line too).
  const refunded = order.refunded_total ?? 0
  return (
    <div className="flex flex-col gap-y-0.5 px-6 py-4">
      <Text size="small" className="text-ui-fg-subtle" id="stripe-collect-outstanding-label">
        Outstanding
      </Text>
      <Text size="xlarge" weight="plus" aria-labelledby="stripe-collect-outstanding-label" data-testid="stripe-collect-outstanding">
        {formatMoney(order.outstanding, currency)}
      </Text>
      <Text size="small" className="text-ui-fg-subtle" data-testid="stripe-collect-paid">
        Paid {formatMoney(order.paid_total - refunded, currency)} of {formatMoney(order.total, currency)}
        {refunded > 0 ? ` · ${formatMoney(refunded, currency)} refunded` : ""}
      </Text>
      {order.processing > 0 ? (
        <div className="flex items-center gap-x-2 pt-1" data-testid="stripe-collect-processing">
          <StatusBadge color="orange" className="shrink-0">
            Processing
          </StatusBadge>
          <Text size="small" className="text-ui-fg-subtle">
            {formatMoney(order.processing, currency)} by bank payment, waiting for the bank (usually 3–5 business days)
          </Text>
        </div>
      ) : null}
    </div>
  )
}
