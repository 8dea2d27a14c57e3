import { MedusaError, Modules } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { STRIPE_COLLECT_MODULE } from "../modules/stripe-collect"
import type StripeCollectModuleService from "../modules/stripe-collect/service"
import { invoiceSeriesFor } from "../invoices/invoice-series"
import { loadOrderBalance } from "../orders/order-balance"
import { orderLockKey } from "../orders/order-lock"
import { validTerms, type PaymentLinkRequest } from "../workflows/create-payment-link/steps/validate-payment-link"
import { readStoreCalendar } from "./store-calendar"

/**
 * Issue invoice on the order card, before any link: the order's invoice, numbered from the same series in the same
 * way an order's first link issues it (one transaction, gap-free), with its terms and due date.
 */
export async function issueOrderInvoice(
  container: MedusaContainer,
  orderId: string,
  request: Pick<PaymentLinkRequest, "terms" | "due_date">
) {
  const service = container.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)
  return container.resolve(Modules.LOCKING).execute(
    orderLockKey(orderId),
    async () => {
      const order = await loadOrderBalance(container, orderId)
      if (order.status === "canceled") {
        throw new MedusaError(MedusaError.Types.CONFLICT, "This order is canceled; it gets no invoice")
      }
      if (order.status === "draft") throw new MedusaError(MedusaError.Types.CONFLICT, "A draft order gets its invoice once it is placed")
      const existing = await service.currentInvoice(orderId)
      if (existing) {
        throw new MedusaError(MedusaError.Types.CONFLICT, `This order has invoice ${existing.number} already; an order has one invoice`)
      }
      const { time_zone } = await readStoreCalendar(container)
      const { terms, due_date } = validTerms(request, new Date(), time_zone)
      return service.issueInvoice({
        order_id: orderId,
        order_total: order.total,
        currency_code: order.currency_code,
        terms,
        due_date,
        ...(await invoiceSeriesFor(container)),
      })
    },
    { timeout: 30 }
  )
}
