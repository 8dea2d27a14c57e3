import { CreditCard, Envelope } from "@medusajs/icons"
import type { OrderBalance } from "../lib/stripe-collect-order"
import { CollectButton } from "./collect-button"

type Props = { order: OrderBalance; onChargeCard: () => void; onSendLink: () => void }

// The sentence a disabled button shows, in the order the checks matter to the admin.
function unavailableReason(order: OrderBalance): string | null {
  if (order.status === "canceled") return "This order is canceled, so it cannot take a payment."
  if (order.outstanding <= 0) return "Nothing is outstanding on this order."
  if (!order.payable) return "This order cannot take a payment yet."
  return null
}

/** Charge card and Send payment link. */
export function CollectActions({ order, onChargeCard, onSendLink }: Props) {
  const reason = unavailableReason(order)
  return (
    <div className="flex flex-wrap gap-2 px-6 py-4">
      <CollectButton testId="stripe-collect-charge-button" variant="primary" disabledReason={reason} onClick={onChargeCard}>
        <CreditCard />
        Charge card
      </CollectButton>
      <CollectButton testId="stripe-collect-link-button" disabledReason={reason} onClick={onSendLink}>
        <Envelope />
        Send payment link
      </CollectButton>
    </div>
  )
}
