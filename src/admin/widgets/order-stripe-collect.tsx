import { defineWidgetConfig } from "@medusajs/admin-sdk"
import { Container, Heading, Text } from "@medusajs/ui"
import type { AdminOrder, DetailWidgetProps } from "@medusajs/framework/types"

// The "Stripe" card at the top of the order's side column, seen without scrolling.
const OrderStripeCollectWidget = ({ data: order }: DetailWidgetProps<AdminOrder>) => {
  return (
    <Container className="divide-y p-0" data-testid="stripe-collect-order-card">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">Stripe</Heading>
      </div>
      <div className="px-6 py-4">
        <Text size="small" className="text-ui-fg-subtle">
          Collect a payment for order #{order.display_id} by card or payment link.
        </Text>
      </div>
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "order.details.side.before",
})

export default OrderStripeCollectWidget
