import { Heading, StatusBadge } from "@medusajs/ui"
import { paymentStatusDisplay } from "../lib/status-display"

type Props = { paymentStatus?: string }

/** "Stripe" and, once loaded, Medusa's own payment status for the order. */
export function StripeCardHeader({ paymentStatus }: Props) {
  const status = paymentStatus ? paymentStatusDisplay(paymentStatus) : null
  return (
    <div className="flex items-center justify-between px-6 py-4">
      <Heading level="h2">Stripe</Heading>
      {status && (
        <StatusBadge color={status.color} data-testid="stripe-collect-payment-status">
          {status.label}
        </StatusBadge>
      )}
    </div>
  )
}
