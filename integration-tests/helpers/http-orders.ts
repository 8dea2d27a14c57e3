import { expectStatus, type MedusaHttp } from "./medusa-process"

/**
 * Unpaid orders made through the admin HTTP API of a running Medusa, the way a merchant takes a
 * phone order in the dashboard: a draft order with a custom line, converted to an order. Like
 * helpers/orders.ts (which uses the container in-process): no payment collection, all outstanding.
 */

const regions = new Map<string, Promise<string>>()

/** A region in the currency, created once per server (keyed by base URL and currency). */
export function regionFor(admin: MedusaHttp, currency: string): Promise<string> {
  const key = `${admin.baseUrl} ${currency}`
  let region = regions.get(key)
  if (!region) {
    region = admin
      .post("/admin/regions", { name: `Region ${currency.toUpperCase()}`, currency_code: currency, countries: [] })
      .then((answer) => expectStatus(answer, 200, `creating the ${currency} region`).region.id as string)
    regions.set(key, region)
    region.catch(() => regions.delete(key))
  }
  return region
}

export type UnpaidOrder = { id: string; display_id: number; total: number; currency_code: string; email: string }

export async function createUnpaidOrderOverHttp(
  admin: MedusaHttp,
  { currency = "usd", amount = 100, email = "buyer@example.test" }: { currency?: string; amount?: number; email?: string } = {}
): Promise<UnpaidOrder> {
  const region_id = await regionFor(admin, currency)
  const draft = expectStatus(
    await admin.post("/admin/draft-orders", {
      region_id,
      email,
      billing_address: {
        first_name: "Bea",
        last_name: "Buyer",
        address_1: "1 Main Street",
        city: "Springfield",
        country_code: "us",
        postal_code: "12345",
        phone: "+1 555 0100",
      },
      items: [{ title: "Handmade table", quantity: 1, unit_price: amount }],
    }),
    200,
    "creating a draft order"
  ).draft_order
  const { order } = expectStatus(await admin.post(`/admin/draft-orders/${draft.id}/convert-to-order`), 200, "converting the draft order")
  return { id: order.id, display_id: order.display_id, total: Number(order.total), currency_code: order.currency_code, email }
}

/** Medusa's own view of the order: payment status and summary (paid total, outstanding). */
export async function adminOrder(admin: MedusaHttp, orderId: string) {
  return expectStatus(await admin.get(`/admin/orders/${orderId}?fields=+payment_status,+summary`), 200, "reading the order").order as {
    id: string
    payment_status: string
    summary: { paid_total: number; pending_difference: number }
  }
}
