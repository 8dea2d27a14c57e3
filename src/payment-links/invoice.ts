import { ContainerRegistrationKeys, MathBN, Modules } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { STRIPE_COLLECT_MODULE } from "../modules/stripe-collect"
import type StripeCollectModuleService from "../modules/stripe-collect/service"
import { addressLines } from "../orders/address-lines"

export type InvoiceLine = {
  title: string
  variant_title: string | null
  quantity: number
  unit_price: number
  total: number
}

/** What the customer sees about an order on the invoice email and the pay page — nothing more. */
export type Invoice = {
  store_name: string
  /** The store's postal address from Settings → Stripe, as printed lines; null when none was saved. */
  store_address: string[] | null
  order_id: string
  order_display_id: number
  order_date: string
  customer_name: string | null
  /** The order's billing address as printed lines; null when the order has none. */
  billing_address: string[] | null
  items: InvoiceLine[]
  shipping_total: number
  discount_total: number
  tax_total: number
  order_total: number
  paid_total: number
  outstanding: number
  currency_code: string
  /** The order's invoice number, null before its first link issued one. */
  invoice_number: string | null
  /** The order was canceled: its links take no money, whatever their own state. */
  order_canceled: boolean
}

const num = (v: unknown) => (v == null ? 0 : MathBN.convert(v as number).toNumber())

/** The store name merchants set in Settings → Stripe, else the Medusa store's name. */
export async function storeName(container: MedusaContainer): Promise<string> {
  return (await storeIdentity(container)).name
}

/** The store's name (Settings → Stripe, else Medusa's) and postal address (Settings → Stripe) as documents print them. */
export async function storeIdentity(container: MedusaContainer): Promise<{ name: string; address: string[] | null }> {
  const service = container.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)
  const [connection] = await service.listStripeConnections({}, { take: 1, order: { created_at: "ASC" } })
  const address = connection?.store_address?.split("\n").filter(Boolean) ?? []
  if (connection?.store_name) return { name: connection.store_name, address: address.length ? address : null }
  const [store] = await container.resolve(Modules.STORE).listStores({}, { take: 1 })
  return { name: store?.name || "Our store", address: address.length ? address : null }
}

export async function loadInvoice(container: MedusaContainer, orderId: string): Promise<Invoice> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order",
    fields: [
      "id",
      "display_id",
      "status",
      "created_at",
      "currency_code",
      "total",
      "tax_total",
      "discount_total",
      "shipping_total",
      "summary.*",
      "items.title",
      "items.variant_title",
      "items.quantity",
      "items.unit_price",
      "items.total",
      "billing_address.first_name",
      "billing_address.last_name",
      "billing_address.company",
      "billing_address.address_1",
      "billing_address.address_2",
      "billing_address.city",
      "billing_address.province",
      "billing_address.postal_code",
      "billing_address.country_code",
      "customer.first_name",
      "customer.last_name",
    ],
    filters: { id: orderId },
  })
  const order = data[0] as Record<string, any>
  const [issued, store] = await Promise.all([
    container.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE).currentInvoice(orderId),
    storeIdentity(container),
  ])
  const first = order.customer?.first_name ?? order.billing_address?.first_name
  const last = order.customer?.last_name ?? order.billing_address?.last_name
  return {
    store_name: store.name,
    store_address: store.address,
    order_id: order.id,
    order_display_id: order.display_id,
    order_date: new Date(order.created_at).toISOString(),
    customer_name: [first, last].filter(Boolean).join(" ") || null,
    billing_address: addressLines(order.billing_address),
    items: (order.items ?? []).map((item: Record<string, any>) => ({
      title: item.title,
      variant_title: item.variant_title ?? null,
      quantity: num(item.quantity),
      unit_price: num(item.unit_price),
      total: num(item.total),
    })),
    shipping_total: num(order.shipping_total),
    discount_total: num(order.discount_total),
    tax_total: num(order.tax_total),
    order_total: num(order.total),
    paid_total: num(order.summary?.paid_total),
    outstanding: Math.max(0, num(order.summary?.pending_difference)),
    currency_code: order.currency_code,
    invoice_number: issued?.number ?? null,
    order_canceled: order.status === "canceled",
  }
}
