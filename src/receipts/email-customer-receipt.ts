import { Modules } from "@medusajs/framework/utils"
import type { INotificationModuleService, MedusaContainer } from "@medusajs/framework/types"
import { PAYMENT_RECEIVED_TEMPLATE, type PaymentReceivedEmailData } from "../emails"
import { receiptFileName, type Receipt } from "./receipt"
import { renderOrderReceiptPdf } from "./receipt-document"

/**
 * Emails the customer the store's receipt for one payment, with the receipt PDF attached. Keyed by the
 * payment: a second call (a redelivered webhook, a reconciliation run, a retried event) sends nothing.
 */
export async function emailCustomerReceipt(container: MedusaContainer, receipt: Receipt, to: string): Promise<void> {
  const data: PaymentReceivedEmailData = {
    store_name: receipt.store_name,
    order_display_id: receipt.order_display_id,
    order_date: receipt.order_date,
    customer_name: receipt.customer_name,
    amount_paid: receipt.amount_paid,
    remaining_balance: receipt.left_to_pay,
    currency_code: receipt.currency_code,
    paid_at: receipt.paid_at,
    payment_method: receipt.payment_method,
    receipt_number: receipt.receipt_number,
  }
  const pdf = await renderOrderReceiptPdf(container, receipt)
  await container.resolve<INotificationModuleService>(Modules.NOTIFICATION).createNotifications({
    to,
    channel: "email",
    template: PAYMENT_RECEIVED_TEMPLATE,
    data,
    idempotency_key: `stripe-collect-receipt-${receipt.payment_id}`,
    resource_id: receipt.order_id,
    resource_type: "order",
    trigger_type: "stripe-collect.payment.recorded",
    // Passed to the provider, not stored (the notification table has no column for it).
    attachments: [{ filename: receiptFileName(receipt), content: pdf.toString("base64"), content_type: "application/pdf" }],
  })
}
