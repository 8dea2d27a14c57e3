/*
 * The "Stripe" card on the order page: outstanding amount, Charge card, Send payment link, activity, links.
 *
 * Stable data-testid values for browser tests:
 *   stripe-collect-order-card          the card (root)
 *   stripe-collect-payment-status      Medusa's payment status badge
 *   stripe-collect-outstanding         the outstanding amount, formatted ("$70.00")
 *   stripe-collect-paid                "Paid $30.00 of $100.00"
 *   stripe-collect-load-error          loading failed (with a Retry button)
 *   stripe-collect-charge-button       opens the Charge card popup (disabled + tooltip when nothing is payable)
 *   stripe-collect-link-button         opens the Send payment link popup (same rule)
 *   stripe-collect-activity            the activity section; rows: stripe-collect-activity-<activity id>
 *   stripe-collect-links               the payment links section; rows: stripe-collect-link-<link id>,
 *                                      their Cancel button: stripe-collect-link-cancel-<link id>
 * Charge card popup (stripe-collect-charge-popup):
 *   stripe-collect-customer            the customer, read-only
 *   stripe-collect-charge-amount       amount input (major units, outstanding pre-filled)
 *   stripe-collect-partial-hint        "Partial payment: X will remain outstanding."
 *   stripe-collect-card-option-<pm id> one radio per card on file / Stripe test card (e.g. pm_card_visa)
 *   stripe-collect-no-cards            shown instead when there is no card to choose
 *   stripe-collect-charge-submit       "Charge $30.00" (spinner and disabled while charging)
 *   stripe-collect-charge-error        decline / refusal / retry message
 *   stripe-collect-charge-offer-link   "Send payment link for $30.00 instead" (authentication required)
 * Send payment link popup (stripe-collect-link-popup):
 *   stripe-collect-link-email          recipient
 *   stripe-collect-link-amount         amount input
 *   stripe-collect-link-message        optional message (max 1,000 characters)
 *   stripe-collect-link-expiry         expiry day (input type=date)
 *   stripe-collect-link-submit         "Generate link"
 *   stripe-collect-link-error          the server refused the link
 *   stripe-collect-link-sent           "Email sent to ..."
 *   stripe-collect-link-url            the link's URL (shown once), with stripe-collect-link-copy
 */
import { defineWidgetConfig } from "@medusajs/admin-sdk"
import { Container } from "@medusajs/ui"
import type { AdminOrder, DetailWidgetProps } from "@medusajs/framework/types"
import { OrderStripeCard } from "../components/order-stripe-card"

// At the top of the side column, seen without scrolling (order.details.after renders below Metadata).
const OrderStripeCollectWidget = ({ data: order }: DetailWidgetProps<AdminOrder>) => {
  return (
    <Container className="divide-y p-0" data-testid="stripe-collect-order-card">
      <OrderStripeCard orderId={order.id} />
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "order.details.side.before",
  // Stable, so the layout that puts the card first (src/migration-scripts) and admins' own layouts find it.
  id: "stripe-collect-order",
})

export default OrderStripeCollectWidget
