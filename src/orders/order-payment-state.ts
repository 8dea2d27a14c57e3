import { MathBN } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { getOrderDetailWorkflow } from "@medusajs/medusa/core-flows"

export type OrderPaymentState = {
  id: string
  display_id: number
  currency_code: string
  total: number
  paid_total: number
  outstanding: number
  /** Medusa's own payment status, as its dashboard shows it. */
  payment_status: string
}

const num = (v: unknown) => (v == null ? 0 : MathBN.convert(v as number).toNumber())

/** The order's totals and payment status exactly as Medusa's order API computes them. */
export async function loadOrderPaymentState(container: MedusaContainer, orderId: string): Promise<OrderPaymentState> {
  const { result } = await getOrderDetailWorkflow(container).run({
    input: {
      order_id: orderId,
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
    },
  })
  const order = result as Record<string, any>
  return {
    id: order.id,
    display_id: order.display_id,
    currency_code: order.currency_code,
    total: num(order.total),
    paid_total: num(order.summary?.paid_total),
    outstanding: Math.max(0, num(order.summary?.pending_difference)),
    payment_status: order.payment_status,
  }
}
