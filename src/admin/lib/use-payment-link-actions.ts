import { useMutation } from "@tanstack/react-query"
import { useRefreshOrderPayments } from "./order-stripe-queries"
import { sdk } from "./sdk"
import type { CreatePaymentLinkBody, CreatedPaymentLink } from "./stripe-collect-order"

/** Generates a payment link for the order and emails it to the customer. */
export function useCreatePaymentLink(orderId: string) {
  const refresh = useRefreshOrderPayments(orderId)
  return useMutation({
    mutationFn: (body: CreatePaymentLinkBody) =>
      sdk.client.fetch<{ payment_link: CreatedPaymentLink }>(`/admin/stripe-collect/orders/${encodeURIComponent(orderId)}/payment-links`, {
        method: "POST",
        body,
      }),
    onSettled: () => void refresh(),
  })
}

/** Emails an open link to the customer again. */
export function useResendPaymentLink(orderId: string) {
  const refresh = useRefreshOrderPayments(orderId)
  return useMutation({
    mutationFn: (linkId: string) =>
      sdk.client.fetch<unknown>(`/admin/stripe-collect/payment-links/${encodeURIComponent(linkId)}/resend`, {
        method: "POST",
        body: {},
      }),
    onSettled: () => void refresh(),
  })
}

/** Stops an open link from taking money. */
export function useCancelPaymentLink(orderId: string) {
  const refresh = useRefreshOrderPayments(orderId)
  return useMutation({
    mutationFn: (linkId: string) =>
      sdk.client.fetch<unknown>(`/admin/stripe-collect/payment-links/${encodeURIComponent(linkId)}/cancel`, {
        method: "POST",
        body: {},
      }),
    onSettled: () => void refresh(),
  })
}

/** Emails an open link's reminder now: the same invoice and URL, with its due date. */
export function useRemindPaymentLink(orderId: string) {
  const refresh = useRefreshOrderPayments(orderId)
  return useMutation({
    mutationFn: (linkId: string) =>
      sdk.client.fetch<unknown>(`/admin/stripe-collect/payment-links/${encodeURIComponent(linkId)}/remind`, {
        method: "POST",
        body: {},
      }),
    onSettled: () => void refresh(),
  })
}

/** Issues the order's invoice before any link (due on receipt). */
export function useIssueInvoice(orderId: string) {
  const refresh = useRefreshOrderPayments(orderId)
  return useMutation({
    mutationFn: () =>
      sdk.client.fetch<{ invoice: { number: string } }>(`/admin/stripe-collect/orders/${encodeURIComponent(orderId)}/invoice`, {
        method: "POST",
        body: {},
      }),
    onSettled: () => void refresh(),
  })
}
