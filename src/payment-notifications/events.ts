/** Emitted by the recording workflow once a Stripe payment is on an order (after its transaction is done). */
export const PAYMENT_RECORDED_EVENT = "stripe-collect.payment.recorded"
