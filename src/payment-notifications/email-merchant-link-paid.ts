import { Modules } from "@medusajs/framework/utils"
import type { INotificationModuleService, MedusaContainer } from "@medusajs/framework/types"
import { LINK_PAID_TEMPLATE, type LinkPaidEmailData } from "../emails"
import type { Receipt } from "../receipts/receipt"
import { orderAdminUrl } from "./order-admin-url"
import { paymentNotificationAddress } from "./payment-notification-address"

/** Tells the payment-notifications address that a customer paid a link; once per payment. False: no address set. */
export async function emailMerchantLinkPaid(container: MedusaContainer, receipt: Receipt, payer: string | null): Promise<boolean> {
  const { to, store_name } = await paymentNotificationAddress(container)
  if (!to) return false
  const data: LinkPaidEmailData = {
    store_name: store_name ?? receipt.store_name,
    order_display_id: receipt.order_display_id,
    customer_name: receipt.customer_name,
    customer_email: payer,
    amount_paid: receipt.amount_paid,
    remaining_balance: receipt.left_to_pay,
    currency_code: receipt.currency_code,
    payment_method: receipt.payment_method,
    paid_at: receipt.paid_at,
    order_url: orderAdminUrl(container, receipt.order_id),
  }
  await container.resolve<INotificationModuleService>(Modules.NOTIFICATION).createNotifications({
    to,
    channel: "email",
    template: LINK_PAID_TEMPLATE,
    data,
    idempotency_key: `stripe-collect-link-paid-${receipt.payment_id}`,
    resource_id: receipt.order_id,
    resource_type: "order",
    trigger_type: "stripe-collect.payment.recorded",
  })
  return true
}
