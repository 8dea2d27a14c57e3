import { keepPreviousData, useQuery } from "@tanstack/react-query"
import { sdk } from "./sdk"
import type { PaymentLinkState } from "./stripe-collect-order"

// The contract of GET /admin/stripe-collect/payment-links as the Payment links page reads it.

export type PaymentLinkListRow = {
  id: string
  order_id: string
  order_display_id: number | null
  customer_name: string | null
  email: string
  state: PaymentLinkState
  status: string
  amount: number
  amount_due: number
  currency_code: string
  terms: string | null
  terms_label: string | null
  due_date: string | null
  days_overdue: number
  age_days: number
  created_at: string
  sent_at: string | null
  expires_at: string
  last_reminder_on: string | null
}

export type PaymentLinkList = { payment_links: PaymentLinkListRow[]; count: number; limit: number; offset: number }

export const PAGE_SIZE = 20

/** One page of links across orders, kept on screen while the next page loads. */
export function usePaymentLinkList(status: PaymentLinkState | "all", pageIndex: number) {
  return useQuery({
    queryKey: ["stripe-collect", "payment-links", status, pageIndex],
    queryFn: () =>
      sdk.client.fetch<PaymentLinkList>("/admin/stripe-collect/payment-links", {
        query: { ...(status === "all" ? {} : { status }), limit: PAGE_SIZE, offset: pageIndex * PAGE_SIZE },
      }),
    placeholderData: keepPreviousData,
  })
}
