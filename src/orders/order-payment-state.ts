import { ContainerRegistrationKeys, MathBN, MedusaError } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { getLastPaymentStatus } from "@medusajs/medusa/core-flows"

export type OrderPaymentState = {
  id: string
  display_id: number
  currency_code: string
  total: number
  paid_total: number
  /** What Medusa refunded of it (refunds, lost disputes); Medusa's own "Paid Total" is paid minus refunded. */
  refunded_total: number
  outstanding: number
  /** Medusa's own payment status, as its dashboard shows it. */
  payment_status: string
}

const num = (v: unknown) => (v == null ? 0 : MathBN.convert(v as number).toNumber())

type OrderRow = {
  id: string
  display_id: number
  currency_code: string
  total: unknown
  summary?: { paid_total?: unknown; refunded_total?: unknown; pending_difference?: unknown } | null
  payment_collections?: (Record<string, unknown> | null)[] | null
}

/**
 * The order's totals and payment status exactly as Medusa's order API computes them: one query and
 * Medusa's own aggregation (what its order-detail workflow runs, without running a workflow for it).
 */
export async function loadOrderPaymentState(container: MedusaContainer, orderId: string): Promise<OrderPaymentState> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order",
    fields: [
      "id",
      "display_id",
      "currency_code",
      "total",
      "summary.*",
      "payment_collections.status",
      "payment_collections.amount",
      "payment_collections.captured_amount",
      "payment_collections.refunded_amount",
    ],
    filters: { id: orderId },
  })
  const found = data[0]
  if (!found) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order ${orderId} was not found`)
  const order: OrderRow = found
  return {
    id: order.id,
    display_id: order.display_id,
    currency_code: order.currency_code,
    total: num(order.total),
    paid_total: num(order.summary?.paid_total),
    refunded_total: num(order.summary?.refunded_total),
    outstanding: Math.max(0, num(order.summary?.pending_difference)),
    // Medusa's own aggregation, given the order as its order-detail workflow would.
    payment_status: getLastPaymentStatus(found),
  }
}
