import { ContainerRegistrationKeys, MathBN } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"

/** What following up a link needs to know of its order: still owed, canceled, and whom it is for. */
export type OrderDueFacts = {
  id: string
  display_id: number
  canceled: boolean
  outstanding: number
  email: string | null
  customer_name: string | null
}

const num = (value: unknown) => (value == null ? 0 : MathBN.convert(value as number).toNumber())

/** The orders of a page of links (or of the job's run), in one query. */
export async function loadOrderDueFacts(container: MedusaContainer, orderIds: string[]): Promise<Map<string, OrderDueFacts>> {
  const ids = [...new Set(orderIds)]
  if (!ids.length) return new Map()
  const { data } = await container.resolve(ContainerRegistrationKeys.QUERY).graph({
    entity: "order",
    fields: [
      "id",
      "display_id",
      "status",
      "email",
      "summary.*",
      "customer.first_name",
      "customer.last_name",
      "billing_address.first_name",
      "billing_address.last_name",
    ],
    filters: { id: ids },
  })
  return new Map(
    (data as Record<string, any>[]).map((order) => {
      const first = order.customer?.first_name ?? order.billing_address?.first_name
      const last = order.customer?.last_name ?? order.billing_address?.last_name
      return [
        order.id,
        {
          id: order.id,
          display_id: order.display_id,
          canceled: order.status === "canceled",
          outstanding: Math.max(0, num(order.summary?.pending_difference)),
          email: order.email ?? null,
          customer_name: [first, last].filter(Boolean).join(" ") || null,
        },
      ]
    })
  )
}
