import { CreditCard, Envelope } from "@medusajs/icons"
import type { OrderBalance } from "../lib/stripe-collect-order"
import { Text } from "@medusajs/ui"
import { CollectButton } from "./collect-button"

type Props = {
  order: OrderBalance
  onChargeCard: () => void
  onSendLink: () => void
  /** What the admin's roles allow: a button they may not use is not shown. */
  canCharge?: boolean
  canSendLink?: boolean
}

// The sentence a disabled button shows, in the order the checks matter to the admin.
function unavailableReason(order: OrderBalance): string | null {
  if (order.status === "canceled") return "This order is canceled, so it cannot take a payment."
  if (order.outstanding <= 0) return "Nothing is outstanding on this order."
  if (!order.payable) return "This order cannot take a payment yet."
  return null
}

/** Charge card and Send payment link. */
export function CollectActions({ order, onChargeCard, onSendLink, canCharge = true, canSendLink = true }: Props) {
  const reason = unavailableReason(order)
  if (!canCharge && !canSendLink) {
    return (
      <Text size="small" className="text-ui-fg-subtle px-6 py-4" data-testid="stripe-collect-no-permission">
        Your role can see this order's Stripe payments but not take them.
      </Text>
    )
  }
  return (
    <div className="flex flex-wrap gap-2 px-6 py-4">
      {canCharge && (
        <CollectButton testId="stripe-collect-charge-button" variant="primary" disabledReason={reason} onClick={onChargeCard}>
          <CreditCard />
          Charge card
        </CollectButton>
      )}
      {canSendLink && (
        <CollectButton testId="stripe-collect-link-button" disabledReason={reason} onClick={onSendLink}>
          <Envelope />
          Send payment link
        </CollectButton>
      )}
    </div>
  )
}
