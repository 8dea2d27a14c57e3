// Unpaid orders the way a merchant takes a phone order: a draft order in the dashboard, converted to an order.
import {
  convertDraftOrderWorkflow,
  createOrderWorkflow,
  updateStoresWorkflow,
  type CreateOrderWorkflowInput,
} from "@medusajs/medusa/core-flows"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules, OrderStatus } from "@medusajs/framework/utils"
import { DEMO_CUSTOMERS, DEMO_ORDERS, DEMO_PRODUCT, type DemoOrder } from "./demo-data"
import type { SeededProduct } from "./catalog"
import type { SeededCustomer } from "./customers"
import type { SeededShipping } from "./shipping"
import type { SeededStore } from "./store"

/** Where the store remembers which demo orders it already has, so a second run adds none. */
const SEEDED_ORDERS_KEY = "stripe_collect_demo_orders"

export type SeededOrder = {
  key: string
  id: string
  display_id: number
  currency_code: string
  total: number
  email: string
  customer_id: string
}

async function readOrder(container: MedusaContainer, id: string): Promise<Omit<SeededOrder, "key"> | null> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order",
    fields: ["id", "display_id", "currency_code", "total", "email", "customer_id", "status"],
    filters: { id },
  })
  const order = data[0]
  if (!order || order.status === OrderStatus.DRAFT) return null
  return {
    id: order.id,
    display_id: Number(order.display_id),
    currency_code: order.currency_code,
    total: Number(order.total),
    email: order.email ?? "",
    customer_id: order.customer_id ?? "",
  }
}

async function placeOrder(
  container: MedusaContainer,
  demo: DemoOrder,
  parts: { store: SeededStore; shipping: SeededShipping; product: SeededProduct; customer: SeededCustomer }
) {
  const person = DEMO_CUSTOMERS.find((c) => c.email === demo.customer_email)
  if (!person) throw new Error(`Demo order ${demo.key} names an unknown customer ${demo.customer_email}`)
  const address = { first_name: person.first_name, last_name: person.last_name, phone: person.phone, ...person.address }
  const option = parts.shipping.options[demo.currency]
  // What the dashboard's "Create draft order" sends; the workflow's input type does not list is_draft_order yet.
  const draftOrder: CreateOrderWorkflowInput & { is_draft_order: true } = {
    status: OrderStatus.DRAFT,
    is_draft_order: true,
    region_id: parts.store.regions[demo.currency].id,
    sales_channel_id: parts.store.sales_channel_id,
    currency_code: demo.currency,
    customer_id: parts.customer.id,
    email: parts.customer.email,
    shipping_address: address,
    billing_address: address,
    // The price the variant has in this currency, as the dashboard pre-fills it.
    items: [
      {
        variant_id: parts.product.variant_id,
        title: parts.product.title,
        quantity: demo.quantity,
        unit_price: DEMO_PRODUCT.prices[demo.currency],
      },
    ],
    shipping_methods: [{ name: option.name, shipping_option_id: option.id, amount: option.amount }],
    metadata: { stripe_collect_demo: demo.key },
  }
  const { result: draft } = await createOrderWorkflow(container).run({ input: draftOrder })
  await convertDraftOrderWorkflow(container).run({ input: { id: draft.id } })
  return draft.id
}

export async function seedOrders(
  container: MedusaContainer,
  parts: { store: SeededStore; shipping: SeededShipping; product: SeededProduct; customers: SeededCustomer[] }
): Promise<SeededOrder[]> {
  const storeModule = container.resolve(Modules.STORE)
  const store = await storeModule.retrieveStore(parts.store.store_id)
  const remembered = { ...((store.metadata?.[SEEDED_ORDERS_KEY] as Record<string, string> | undefined) ?? {}) }
  const seeded: SeededOrder[] = []
  for (const demo of DEMO_ORDERS) {
    const known = remembered[demo.key] ? await readOrder(container, remembered[demo.key]) : null
    if (known) {
      seeded.push({ key: demo.key, ...known })
      continue
    }
    const customer = parts.customers.find((c) => c.email === demo.customer_email)
    if (!customer) throw new Error(`Demo order ${demo.key} names an unknown customer ${demo.customer_email}`)
    const id = await placeOrder(container, demo, { ...parts, customer })
    remembered[demo.key] = id
    await updateStoresWorkflow(container).run({
      input: { selector: { id: store.id }, update: { metadata: { ...(store.metadata ?? {}), [SEEDED_ORDERS_KEY]: remembered } } },
    })
    const placed = await readOrder(container, id)
    if (!placed) throw new Error(`Demo order ${demo.key} (${id}) was not converted from its draft`)
    seeded.push({ key: demo.key, ...placed })
  }
  return seeded
}
