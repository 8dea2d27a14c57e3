import { useQuery, useQueryClient } from "@tanstack/react-query"
import { sdk } from "./sdk"
import type { OrderStripeState } from "./stripe-collect-order"

export const orderStripeQueryKey = (orderId: string) => ["stripe-collect", "order", orderId] as const

/** The order's balance, customer, cards, activity and links for the Stripe card. */
export function useOrderStripe(orderId: string) {
  return useQuery({
    queryKey: orderStripeQueryKey(orderId),
    queryFn: () => sdk.client.fetch<OrderStripeState>(`/admin/stripe-collect/orders/${encodeURIComponent(orderId)}`),
  })
}

// The dashboard's own order, payment collection and payment queries, so its Payments section follows.
const DASHBOARD_PAYMENT_QUERY_PREFIXES = [["orders"], ["payment_collections"], ["payment-collection"], ["payment"]]

/** Refreshes our card and Medusa's own order sections after any payment action. */
export function useRefreshOrderPayments(orderId: string) {
  const queryClient = useQueryClient()
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: orderStripeQueryKey(orderId) }),
      ...DASHBOARD_PAYMENT_QUERY_PREFIXES.map((queryKey) => queryClient.invalidateQueries({ queryKey })),
    ])
}
