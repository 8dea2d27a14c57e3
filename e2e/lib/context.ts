// What the browser tests are told about the running store: its URLs, the login and the seeded data.
import type { SeededCustomer } from "../../scripts/demo/seed/customers"
import type { SeededOrder } from "../../scripts/demo/seed/orders"

export type E2EContext = {
  urls: {
    /** e.g. http://localhost:41234 */
    backend: string
    dashboard: string
    /** The Stripe/Resend sandbox, e.g. http://127.0.0.1:41235 */
    sandbox: string
    inbox: string
  }
  admin: { email: string; password: string }
  seeded: { orders: SeededOrder[]; customers: SeededCustomer[] }
  /** Every step's screenshot goes here. */
  screenshotsDir: string
  /** When set, the README's screenshots are written here too. */
  docsScreenshotsDir: string | null
}

export function seededOrder(context: E2EContext, key: string): SeededOrder {
  const order = context.seeded.orders.find((o) => o.key === key)
  if (!order) throw new Error(`The seed has no order "${key}"; it has ${context.seeded.orders.map((o) => o.key).join(", ")}`)
  return order
}
