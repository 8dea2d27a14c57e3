import type { PaymentLinkRecord } from "../../../../payment-links/find-link"

/** A link as admins see it: never its token, hash or nonce. */
export function toLinkResponse(link: PaymentLinkRecord) {
  return {
    id: link.id,
    order_id: link.order_id,
    status: link.status,
    amount: Number(link.amount),
    currency_code: link.currency_code,
    email: link.email,
    message: link.message,
    expires_at: link.expires_at,
    terms: link.terms ?? null,
    due_date: link.due_date ?? null,
    last_reminder_on: link.last_reminder_on ?? null,
    sent_at: link.sent_at,
    viewed_at: link.viewed_at,
    paid_at: link.paid_at,
    canceled_at: link.canceled_at,
    created_at: link.created_at,
  }
}
