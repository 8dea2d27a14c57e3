import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { INotificationModuleService, MedusaContainer } from "@medusajs/framework/types"
import type Stripe from "stripe"
import { DISPUTE_OPENED_TEMPLATE, type DisputeOpenedEmailData } from "../emails"
import { asMinorUnits, fromMinorUnitsToNumber } from "../stripe/money"
import { orderAdminUrl } from "./order-admin-url"
import { paymentNotificationAddress } from "./payment-notification-address"

const words = (value: string) => value.replace(/_/g, " ")

/**
 * Tells the payment-notifications address that a customer disputed a payment (evidence is submitted in
 * Stripe). Keyed by Stripe's dispute id: once per dispute, however often its events arrive.
 */
export async function emailMerchantDisputeOpened(
  container: MedusaContainer,
  payment: { order_id: string },
  dispute: Stripe.Dispute
): Promise<"emailed" | "no_recipient"> {
  const { to, store_name } = await paymentNotificationAddress(container)
  if (!to) return "no_recipient"
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: orders } = await query.graph({ entity: "order", fields: ["display_id"], filters: { id: payment.order_id } })
  const due = dispute.evidence_details?.due_by ? new Date(dispute.evidence_details.due_by * 1000).toISOString() : null
  const data: DisputeOpenedEmailData = {
    store_name,
    order_display_id: orders[0]?.display_id ?? null,
    dispute_id: dispute.id,
    inquiry: dispute.status.startsWith("warning_"),
    amount: fromMinorUnitsToNumber(asMinorUnits(dispute.amount), dispute.currency),
    currency_code: dispute.currency,
    reason: words(dispute.reason),
    status: words(dispute.status),
    evidence_due_by: due,
    stripe_dashboard_url: `https://dashboard.stripe.com/${dispute.livemode ? "" : "test/"}disputes/${dispute.id}`,
    order_url: orderAdminUrl(container, payment.order_id),
  }
  await container.resolve<INotificationModuleService>(Modules.NOTIFICATION).createNotifications({
    to,
    channel: "email",
    template: DISPUTE_OPENED_TEMPLATE,
    data,
    idempotency_key: `stripe-collect-dispute-opened-${dispute.id}`,
    resource_id: payment.order_id,
    resource_type: "order",
    trigger_type: "stripe-collect.dispute.opened",
  })
  return "emailed"
}
