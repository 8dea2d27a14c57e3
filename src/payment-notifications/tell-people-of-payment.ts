import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { reportIntegrationError } from "../integration-errors/report-integration-error"
import { STRIPE_COLLECT_MODULE } from "../modules/stripe-collect"
import type StripeCollectModuleService from "../modules/stripe-collect/service"
import { customerReceipts } from "../receipts/customer-receipts"
import { emailCustomerReceipt } from "../receipts/email-customer-receipt"
import { loadReceipt } from "../receipts/receipt"
import { emailMerchantLinkPaid } from "./email-merchant-link-paid"

export type PaymentRecorded = { order_id: string; payment_id: string }

/**
 * After the recording workflow put a payment on an order: the customer's receipt (unless switched off, or
 * Stripe sends its own) and, for a payment link, the merchant's "link paid" email. Each is keyed by the
 * payment, so however often this runs for one payment, each email goes out once. A failed email never
 * touches the recorded payment: it is reported as an integration error instead.
 */
export async function tellPeopleOfPayment(container: MedusaContainer, event: PaymentRecorded): Promise<void> {
  const receipt = await loadReceipt(container, event.order_id, event.payment_id)
  if (!receipt) return
  const link =
    receipt.payment_link_id &&
    (await container.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE).retrievePaymentLink(receipt.payment_link_id))
  // The person who paid: the link's recipient, else the order's email.
  const payer = (link && link.email) || receipt.customer_email
  const receipts = await customerReceipts(container)

  const sends: [string, Promise<unknown>][] = []
  if (receipts.enabled && payer) sends.push(["the receipt to the customer", emailCustomerReceipt(container, receipt, payer)])
  if (receipt.flow === "payment_link") sends.push(["the 'payment link paid' email", emailMerchantLinkPaid(container, receipt, payer)])

  const outcomes = await Promise.allSettled(sends.map(([, send]) => send))
  for (const [index, outcome] of outcomes.entries()) {
    if (outcome.status === "fulfilled") continue
    const reason = outcome.reason instanceof Error ? outcome.reason.message : String(outcome.reason)
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .warn(`stripe-collect: could not send ${sends[index][0]} for payment ${receipt.payment_id}: ${reason}`)
    await reportIntegrationError(container, {
      kind: "email_not_sent",
      operation: "Payment received",
      order_id: receipt.order_id,
      order_display_id: receipt.order_display_id,
      message: `Could not send ${sends[index][0]} for the payment of ${receipt.amount_paid} ${receipt.currency_code.toUpperCase()} (receipt ${receipt.receipt_number}): ${reason}`,
      action: "Check the email provider's settings. The payment is recorded; the receipt PDF can be downloaded from the order page.",
    })
  }
}
