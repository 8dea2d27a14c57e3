/** Lock key shared by everything that takes money for one order (charges, link payments, their recording). */
export const orderLockKey = (orderId: string) => `stripe-collect:order:${orderId}`
