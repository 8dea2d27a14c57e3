import { useState } from "react"
import type { OrderStripeState } from "../lib/stripe-collect-order"
import { ChargeCardForm } from "./charge-card-form"
import { PopupDrawer } from "./popup-drawer"

type Props = {
  open: boolean
  state: OrderStripeState
  onClose: () => void
  onSendLinkInstead: (amount: number) => void
}

/** The Charge card popup; its form (and idempotency key) starts fresh at every opening. */
export function ChargeCardDrawer({ open, state, onClose, onSendLinkInstead }: Props) {
  const [busy, setBusy] = useState(false)
  return (
    <PopupDrawer
      open={open}
      onClose={onClose}
      busy={busy}
      title="Charge card"
      description={`Take a payment for order #${state.order.display_id} from the customer's card. Cards only: bank payments need the customer's own authorization, so send them a payment link instead.`}
      testId="stripe-collect-charge-popup"
    >
      <ChargeCardForm state={state} onBusyChange={setBusy} onCharged={onClose} onSendLinkInstead={onSendLinkInstead} />
    </PopupDrawer>
  )
}
