import { useQuery } from "@tanstack/react-query"
import { sdk } from "./sdk"

export type RefundReason = { id: string; label: string; code?: string | null; description?: string | null }

/** Medusa's own refund reasons (Settings → Refund reasons), for the Refund popup's reason field. */
export function useRefundReasons(enabled: boolean) {
  return useQuery({
    queryKey: ["stripe-collect", "refund-reasons"],
    queryFn: () =>
      sdk.client.fetch<{ refund_reasons: RefundReason[] }>("/admin/refund-reasons", {
        query: { limit: 100, fields: "id,label,code,description" },
      }),
    enabled,
    staleTime: 60_000,
  })
}
