import { Button, StatusBadge, Text } from "@medusajs/ui"
import { formatDateTime } from "../lib/format-time"
import { formatMoney } from "../lib/money"
import type { OrderStripePayment } from "../lib/stripe-collect-order"

type Props = { payment: OrderStripePayment; canRefund: boolean; onRefund: (payment: OrderStripePayment) => void }

const SOURCES: Record<OrderStripePayment["source"], string> = {
  card_charge: "Card charge",
  payment_link: "Payment link",
  checkout: "Storefront checkout",
}

/** How the customer paid, in the merchant's words. */
export const paymentSourceLabel = (source: OrderStripePayment["source"]) => SOURCES[source] ?? "Stripe payment"

/** The payment's state in one badge: refunded in full, in part, being checked, disputed, or paid. */
function badge(payment: OrderStripePayment): { label: string; color: "green" | "orange" | "red" | "grey" } {
  if (payment.disputed) return { label: "Disputed", color: "red" }
  if (payment.refund_pending > 0) return { label: "Refund being checked", color: "orange" }
  if (payment.refundable <= 0 && payment.refunded > 0) return { label: "Refunded", color: "grey" }
  if (payment.refunded > 0) return { label: "Partially refunded", color: "orange" }
  return { label: "Paid", color: "green" }
}

/** One Stripe payment: what it took, what was refunded, what is left to refund, and Refund. */
export function StripePaymentRow({ payment, canRefund, onRefund }: Props) {
  const state = badge(payment)
  const currency = payment.currency_code
  const refundable = payment.refundable > 0 && !payment.disputed
  return (
    <li className="flex flex-col gap-y-0.5 py-2" data-testid={`stripe-collect-payment-${payment.id}`}>
      <div className="flex items-center justify-between gap-x-2">
        <Text size="small" weight="plus" leading="compact">
          {formatMoney(payment.captured, currency)} · {paymentSourceLabel(payment.source)}
        </Text>
        <StatusBadge color={state.color} className="shrink-0">
          {state.label}
        </StatusBadge>
      </div>
      <Text size="xsmall" leading="compact" className="text-ui-fg-subtle">
        {payment.method ? `${payment.method} · ` : ""}
        <time dateTime={payment.created_at}>{formatDateTime(payment.created_at)}</time>
      </Text>
      <div className="flex items-center justify-between gap-x-2">
        <Text size="xsmall" leading="compact" className="text-ui-fg-subtle" data-testid="stripe-collect-payment-refundable">
          {payment.refunded > 0 ? `Refunded ${formatMoney(payment.refunded, currency)} · ` : ""}
          {payment.refund_pending > 0 ? `${formatMoney(payment.refund_pending, currency)} being checked · ` : ""}
          {payment.disputed
            ? "Disputed: Stripe does not refund it while the bank decides"
            : `Refundable ${formatMoney(payment.refundable, currency)}`}
        </Text>
        {canRefund && refundable && (
          <Button
            size="small"
            variant="secondary"
            type="button"
            onClick={() => onRefund(payment)}
            data-testid="stripe-collect-refund-button"
            aria-label={`Refund the ${formatMoney(payment.captured, currency)} ${paymentSourceLabel(payment.source).toLowerCase()}`}
          >
            Refund
          </Button>
        )}
      </div>
    </li>
  )
}
