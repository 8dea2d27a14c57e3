import { useMutation } from "@tanstack/react-query"
import { useRef } from "react"
import { AdminRequestError, postAdmin } from "./admin-request"
import { newIdempotencyKey } from "./idempotency-key"
import { useRefreshOrderPayments } from "./order-stripe-queries"
import type { RefundPaymentBody, RefundPaymentResponse } from "./stripe-collect-order"

/**
 * Refunds one of the order's Stripe payments. The Idempotency-Key stays the same for retries of the same
 * refund (double click, a lost answer), so Stripe makes it once; it is renewed once the refund has a definite answer.
 */
export function useRefundPayment(orderId: string) {
  const refresh = useRefreshOrderPayments(orderId)
  const attempt = useRef<{ key: string; request: string } | null>(null)

  const keyFor = (request: RefundPaymentBody) => {
    const fingerprint = `${request.payment_id}|${request.amount}|${request.refund_reason_id ?? ""}|${request.note ?? ""}`
    if (attempt.current?.request !== fingerprint) attempt.current = { key: newIdempotencyKey(), request: fingerprint }
    return attempt.current.key
  }

  return useMutation({
    mutationFn: (request: RefundPaymentBody) =>
      postAdmin<RefundPaymentResponse>(`/admin/stripe-collect/orders/${encodeURIComponent(orderId)}/refunds`, request, {
        "Idempotency-Key": keyFor(request),
      }),
    onSuccess: (response) => {
      // Being checked: pressing Refund again must be the same request, never a second refund.
      if (response.refund.status === "refunded") attempt.current = null
      void refresh()
    },
    onError: (error) => {
      // Only an unanswered request is retried under the same key; a refusal is final for its key.
      const retryable = error instanceof AdminRequestError && (error.status === 0 || error.body.retryable === true)
      if (!retryable) attempt.current = null
      void refresh()
    },
  })
}
