import { Modules } from "@medusajs/framework/utils"
import type { INotificationModuleService, MedusaContainer } from "@medusajs/framework/types"
import { PAYMENT_LINK_TEMPLATE, renderEmail, type PaymentLinkEmailData } from "../emails"
import { loadInvoice } from "./invoice"
import { readLinkPaymentMethods } from "./link-payment-methods"
import { invoiceFileName, loadInvoiceDocument, renderOrderInvoicePdf } from "../invoices/invoice-document"
import { termsLabel } from "./due-dates"

export type PaymentLinkForEmail = {
  id: string
  order_id: string
  email: string
  amount: number | string
  currency_code: string
  message: string | null
  expires_at: Date | string
  terms?: string | null
  /** YYYY-MM-DD on the store's calendar. */
  due_date?: string | null
}

export type EmailOutcome = { sent: true; notification_id: string } | { sent: false; error: string }

/** A placeholder kept in the stored notification instead of the pay URL: the token is never stored. */
export const REDACTED_PAY_URL = "https://redacted.invalid/stripe-collect/pay"

/**
 * Emails the invoice with its pay link through Medusa's notification module. The plugin renders the email
 * and hands it to the provider as `content`, which Medusa does not store; the `data` Medusa stores (and a
 * log-only provider prints) has the pay URL replaced by a placeholder. The email provider must send
 * `content` when it is given (the bundled Resend provider does).
 */
export async function sendPaymentLinkEmail(
  container: MedusaContainer,
  {
    link,
    pay_url,
    kind,
    failed_payment,
    reminder,
  }: {
    link: PaymentLinkForEmail
    pay_url: string
    kind: "sent" | "resent" | "reminder" | "payment_failed"
    /** With "payment_failed": the refused bank payment, and a key so it is emailed once. */
    failed_payment?: { method: string; reason: string; key: string }
    /** With "reminder": the key that makes it one email (a schedule step's day, or a press), and whether it is overdue. */
    reminder?: { key: string; overdue: boolean }
  }
): Promise<EmailOutcome> {
  const notifications = container.resolve<INotificationModuleService>(Modules.NOTIFICATION)
  const [invoice, methods] = await Promise.all([loadInvoice(container, link.order_id), readLinkPaymentMethods(container)])
  const data: PaymentLinkEmailData = {
    store_name: invoice.store_name,
    order_display_id: invoice.order_display_id,
    order_date: invoice.order_date,
    customer_name: invoice.customer_name,
    items: invoice.items,
    shipping_total: invoice.shipping_total,
    discount_total: invoice.discount_total,
    tax_total: invoice.tax_total,
    order_total: invoice.order_total,
    paid_total: invoice.paid_total,
    amount_due: Number(link.amount),
    currency_code: invoice.currency_code,
    message: link.message,
    pay_url,
    expires_at: new Date(link.expires_at).toISOString(),
    invoice_number: invoice.invoice_number,
    reminder: kind === "reminder",
    due_date: link.due_date ?? null,
    terms_label: termsLabel(link.terms),
    overdue: reminder?.overdue ?? false,
    payment_methods: methods.methods,
    failed_payment: failed_payment ? { method: failed_payment.method, reason: failed_payment.reason } : null,
  }
  const content = await renderEmail(PAYMENT_LINK_TEMPLATE, data)
  // One email per link and purpose; "resent" is keyed by time so each Resend press sends once.
  const idempotencyKey =
    kind === "resent"
      ? `stripe-collect-link-${link.id}-resent-${Date.now()}`
      : kind === "payment_failed"
        ? `stripe-collect-link-${link.id}-payment-failed-${failed_payment?.key ?? Date.now()}`
        : kind === "reminder" && reminder
          ? `stripe-collect-link-${link.id}-reminder-${reminder.key}`
          : `stripe-collect-link-${link.id}-${kind}`
  let outcome: EmailOutcome
  try {
    const attachments = await invoiceAttachment(container, { ...link, pay_url })
    const notification = await notifications.createNotifications({
      to: link.email,
      channel: "email",
      template: PAYMENT_LINK_TEMPLATE,
      data: { ...data, pay_url: REDACTED_PAY_URL },
      content,
      idempotency_key: idempotencyKey,
      resource_id: link.id,
      resource_type: "stripe_collect_payment_link",
      trigger_type: `stripe-collect.payment-link.${kind}`,
      // Passed to the provider, not stored: the notification table has no column for it (the PDF holds the pay URL).
      ...(attachments ? { attachments } : {}),
    })
    outcome = { sent: true, notification_id: notification.id }
  } catch (error) {
    outcome = { sent: false, error: error instanceof Error ? error.message : String(error) }
  }
  return outcome
}

/** The order's invoice PDF for this link's email; none before an invoice is issued. */
async function invoiceAttachment(container: MedusaContainer, link: PaymentLinkForEmail & { pay_url: string }) {
  const document = await loadInvoiceDocument(container, link.order_id, {
    amount_due: Number(link.amount),
    pay_url: link.pay_url,
    message: link.message,
    terms: link.terms ?? null,
    due_date: link.due_date ?? null,
  })
  if (!document) return null
  const pdf = await renderOrderInvoicePdf(container, document)
  return [{ filename: invoiceFileName(document.invoice_number), content: pdf.toString("base64"), content_type: "application/pdf" }]
}
