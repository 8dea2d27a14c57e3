import { keepPreviousData, useQuery } from "@tanstack/react-query"
import { sdk } from "./sdk"

// The contract of GET /admin/stripe-collect/settings/changes: Settings → Stripe's audit trail.

export type SettingsChange = {
  id: string
  changed_at: string
  /** The settings field, e.g. `stripe_account_id`; `label` says it in words. */
  field: string
  label: string
  from_value: string | null
  to_value: string | null
  actor_type: "user" | "api_key" | "stripe" | "system"
  actor_id: string | null
  /** The admin's email, "secret API key" or "Stripe". */
  actor_label: string
}

export type SettingsChangesPage = { changes: SettingsChange[]; count: number; limit: number; offset: number }

export function useSettingsChanges({ limit, offset, refreshedWith }: { limit: number; offset: number; refreshedWith: number }) {
  return useQuery({
    // `refreshedWith` (when the settings were last read or saved) brings a save's own rows in at once.
    queryKey: ["stripe-collect", "settings-changes", limit, offset, refreshedWith],
    queryFn: () => sdk.client.fetch<SettingsChangesPage>("/admin/stripe-collect/settings/changes", { query: { limit, offset } }),
    placeholderData: keepPreviousData,
  })
}
