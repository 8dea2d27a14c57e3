/** Lock key shared by everything that takes money for one order (charges, link payments, their recording). */
export const orderLockKey = (orderId: string) => `stripe-collect:order:${orderId}`

/** The longest Stripe call (timeout × tries + backoff) the provider's options may allow; checked when they are parsed. */
export const MAX_STRIPE_CALL_UNDER_LOCK_MS = 300_000

/** How long the order's lock lives: the slowest allowed Stripe call and a minute for the database work around it. */
export const ORDER_LOCK_TTL_SECONDS = MAX_STRIPE_CALL_UNDER_LOCK_MS / 1000 + 60

/** How long a second charge or payment on the same order waits for the first before answering "busy". */
export const ORDER_LOCK_WAIT_SECONDS = 60
