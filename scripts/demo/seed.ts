// `npx medusa exec scripts/demo/seed.ts`: the demo store, seeded idempotently (a second run adds nothing).
// Writes what it seeded as JSON to $STRIPE_COLLECT_SEED_RESULT when set (the demo and the browser tests read it).
import { writeFileSync } from "fs"
import type { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { seedCatalog } from "./seed/catalog"
import { seedCustomers } from "./seed/customers"
import { seedOrders } from "./seed/orders"
import { seedShipping } from "./seed/shipping"
import { seedStore } from "./seed/store"

export default async function seedDemoStore({ container }: ExecArgs) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const store = await seedStore(container)
  const shipping = await seedShipping(container, store)
  const product = await seedCatalog(container, store, shipping)
  const customers = await seedCustomers(container)
  const orders = await seedOrders(container, { store, shipping, product, customers })

  for (const order of orders) {
    logger.info(`Demo order #${order.display_id}: ${order.total} ${order.currency_code.toUpperCase()} for ${order.email} (${order.id})`)
  }
  // The demo then creates its login with `medusa user`, only when it is missing.
  const adminEmail = process.env.STRIPE_COLLECT_ADMIN_EMAIL
  const adminUserExists = adminEmail ? (await container.resolve(Modules.USER).listUsers({ email: adminEmail })).length > 0 : null
  const result = { store, shipping, product, customers, orders, admin_user_exists: adminUserExists }
  if (process.env.STRIPE_COLLECT_SEED_RESULT) {
    writeFileSync(process.env.STRIPE_COLLECT_SEED_RESULT, JSON.stringify(result, null, 2))
  }
}
