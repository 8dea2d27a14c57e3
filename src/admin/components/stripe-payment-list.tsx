import { Text } from "@medusajs/ui"
import type { OrderStripePayment } from "../lib/stripe-collect-order"
import { StripePaymentRow } from "./stripe-payment-row"

type Props = {
  payments: OrderStripePayment[]
  /** Refund is offered (the refund permission). */
  canRefund: boolean
  onRefund: (payment: OrderStripePayment) => void
}

/** The order's Stripe payments (charges, link payments, checkouts), newest first, each refundable from here. */
export function StripePaymentList({ payments, canRefund, onRefund }: Props) {
  if (payments.length === 0) return null
  return (
    <section className="flex flex-col px-6 py-4" aria-labelledby="stripe-collect-payments-title" data-testid="stripe-collect-payments">
      <Text size="small" weight="plus" id="stripe-collect-payments-title">
        Stripe payments
      </Text>
      <ul className="divide-y">
        {payments.map((payment) => (
          <StripePaymentRow key={payment.id} payment={payment} canRefund={canRefund} onRefund={onRefund} />
        ))}
      </ul>
    </section>
  )
}
