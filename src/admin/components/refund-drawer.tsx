import { useState } from "react"
import { formatMoney } from "../lib/money"
import type { OrderStripePayment } from "../lib/stripe-collect-order"
import { PopupDrawer } from "./popup-drawer"
import { RefundForm } from "./refund-form"

type Props = {
  open: boolean
  orderId: string
  displayId: number
  payment: OrderStripePayment | null
  onClose: () => void
}

/** The Refund popup for one Stripe payment; its form (and idempotency key) starts fresh at every opening. */
export function RefundDrawer({ open, orderId, displayId, payment, onClose }: Props) {
  const [busy, setBusy] = useState(false)
  return (
    <PopupDrawer
      open={open}
      onClose={onClose}
      busy={busy}
      title="Refund payment"
      description={
        payment
          ? `Give back up to ${formatMoney(payment.refundable, payment.currency_code)} of this payment on order #${displayId} to the customer's card or account, through Stripe. Medusa records the refund on the order.`
          : ""
      }
      testId="stripe-collect-refund-popup"
    >
      {payment && <RefundForm orderId={orderId} payment={payment} onBusyChange={setBusy} onDone={onClose} />}
    </PopupDrawer>
  )
}
