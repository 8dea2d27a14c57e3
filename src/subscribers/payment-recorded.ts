import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { PAYMENT_RECORDED_EVENT } from "../payment-notifications/events"
import { tellPeopleOfPayment, type PaymentRecorded } from "../payment-notifications/tell-people-of-payment"

/** A payment was recorded: the customer's receipt and the merchant's "link paid" email, outside the charge's time. */
export default async function paymentRecorded({ event, container }: SubscriberArgs<PaymentRecorded>) {
  await tellPeopleOfPayment(container, event.data)
}

export const config: SubscriberConfig = {
  event: PAYMENT_RECORDED_EVENT,
  context: { subscriberId: "stripe-collect-payment-recorded" },
}
