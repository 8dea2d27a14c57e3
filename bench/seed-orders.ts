import fs from "fs"
import type { ExecArgs } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createUnpaidOrder } from "../integration-tests/helpers/orders"

const CHUNK = 50

// `medusa exec` script of the benchmark: unpaid orders of 100.00 USD with one custom line, ids written by group.
// BENCH_ORDER_GROUPS: {"charge": 63, ...}; BENCH_ORDERS_FILE: where the ids go.
export default async function seedBenchOrders({ container }: ExecArgs) {
  const groups = JSON.parse(process.env.BENCH_ORDER_GROUPS ?? "{}") as Record<string, number>
  const file = process.env.BENCH_ORDERS_FILE
  if (!file) throw new Error("BENCH_ORDERS_FILE is required")
  const total = Object.values(groups).reduce((sum, n) => sum + n, 0)

  // The first through Medusa's order workflow (it also makes the region); the rest, identical, in bulk
  // through the order module: the workflow takes a third of a second per order, which a run cannot spare.
  const first = await createUnpaidOrder(container, { amount: 100 })
  const orderModule = container.resolve(Modules.ORDER)
  const template = {
    region_id: first.region_id!,
    currency_code: "usd",
    email: "buyer@example.test",
    status: "pending" as const,
    billing_address: {
      first_name: "Bea",
      last_name: "Buyer",
      address_1: "1 Main Street",
      city: "Springfield",
      country_code: "us",
      postal_code: "12345",
      phone: "+1 555 0100",
    },
    items: [{ title: "Handmade table", quantity: 1, unit_price: 100 }],
  }
  const ids: string[] = [first.id]
  while (ids.length < total) {
    const batch = Array.from({ length: Math.min(CHUNK, total - ids.length) }, () => structuredClone(template))
    const created = await orderModule.createOrders(batch)
    ids.push(...created.map((order) => order.id))
  }

  const byGroup: Record<string, string[]> = {}
  let offset = 0
  for (const [group, count] of Object.entries(groups)) {
    byGroup[group] = ids.slice(offset, offset + count)
    offset += count
  }
  fs.writeFileSync(file, JSON.stringify(byGroup))
}
