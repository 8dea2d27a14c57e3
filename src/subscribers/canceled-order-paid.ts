import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { CANCELED_ORDER_PAID, refundCanceledOrderPayment, type CanceledOrderPayment } from "../refunds/refund-canceled-order-payment"

/** Money recorded on a canceled order: refunded to the customer, and the merchant told (src/refunds/). */
export default async function canceledOrderPaid({ event, container }: SubscriberArgs<CanceledOrderPayment>) {
  await refundCanceledOrderPayment(container, event.data)
}

export const config: SubscriberConfig = {
  event: CANCELED_ORDER_PAID,
  context: { subscriberId: "stripe-collect-canceled-order-paid" },
}
