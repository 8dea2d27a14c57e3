import { useMutation } from "@tanstack/react-query"
import { useRef } from "react"
import { postAdmin } from "./admin-request"
import { chargeProblemFrom } from "./charge-problem"
import { newIdempotencyKey } from "./idempotency-key"
import { useRefreshOrderPayments } from "./order-stripe-queries"
import type { ChargeCardResponse } from "./stripe-collect-order"

export type ChargeRequest = { amount: number; payment_method: string; save_card?: boolean; mail_phone_order?: boolean }

/**
 * Charges the order's customer. The Idempotency-Key stays the same for retries of the same amount
 * and card (double click, timeout), and is renewed once the attempt has a definite answer.
 */
export function useChargeOrderCard(orderId: string) {
  const refresh = useRefreshOrderPayments(orderId)
  const attempt = useRef<{ key: string; request: string } | null>(null)

  const keyFor = (request: ChargeRequest) => {
    const fingerprint = `${request.amount}|${request.payment_method}|${request.save_card === true}|${request.mail_phone_order === true}`
    if (attempt.current?.request !== fingerprint) {
      attempt.current = { key: newIdempotencyKey(), request: fingerprint }
    }
    return attempt.current.key
  }

  return useMutation({
    mutationFn: (request: ChargeRequest) =>
      postAdmin<ChargeCardResponse>(`/admin/stripe-collect/orders/${encodeURIComponent(orderId)}/charges`, request, {
        "Idempotency-Key": keyFor(request),
      }),
    onSuccess: () => {
      attempt.current = null
      void refresh()
    },
    onError: (error) => {
      // A decline or refusal is final: trying again must be a new attempt, not a replay of it.
      if (chargeProblemFrom(error).kind !== "retryable") attempt.current = null
      // The activity log now shows the failed attempt.
      void refresh()
    },
  })
}
