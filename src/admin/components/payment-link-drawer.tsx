import { useState } from "react"
import type { CreatedPaymentLink, OrderStripeState } from "../lib/stripe-collect-order"
import { PaymentLinkCreated } from "./payment-link-created"
import { PaymentLinkForm } from "./payment-link-form"
import { PopupDrawer } from "./popup-drawer"

type Props = {
  open: boolean
  state: OrderStripeState
  initialAmount?: number
  onClose: () => void
}

/** The Send payment link popup: the form, then the created link (mounted afresh at each opening). */
export function PaymentLinkDrawer({ open, state, initialAmount, onClose }: Props) {
  const [busy, setBusy] = useState(false)
  const [created, setCreated] = useState<CreatedPaymentLink | null>(null)
  return (
    <PopupDrawer
      open={open}
      onClose={onClose}
      busy={busy}
      title="Send payment link"
      description={`Email the customer the invoice for order #${state.order.display_id} with a link to pay ${state.link_payment_methods.description}.`}
      testId="stripe-collect-link-popup"
    >
      {created ? (
        <PaymentLinkCreated link={created} onDone={onClose} />
      ) : (
        <PaymentLinkForm state={state} initialAmount={initialAmount} onBusyChange={setBusy} onCreated={setCreated} />
      )}
    </PopupDrawer>
  )
}
