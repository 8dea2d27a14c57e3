import type { MedusaContainer } from "@medusajs/framework/types"
import { resolveStripeCollectService } from "../stripe-account/stripe-connection"
import { auditedFieldLabel } from "./audited-fields"

/** One audit row as the settings page lists it. */
export type SettingsChangeView = {
  id: string
  changed_at: string
  field: string
  label: string
  from_value: string | null
  to_value: string | null
  actor_type: string
  actor_id: string | null
  actor_label: string
}

/** The audit trail, newest first, a page at a time. */
export async function recentSettingsChanges(
  container: MedusaContainer,
  { limit, offset }: { limit: number; offset: number }
): Promise<{ changes: SettingsChangeView[]; count: number; limit: number; offset: number }> {
  const [rows, count] = await resolveStripeCollectService(container).listAndCountSettingsChanges(
    {},
    { order: { created_at: "DESC", field: "ASC" }, take: limit, skip: offset }
  )
  return {
    changes: rows.map((row) => ({
      id: row.id,
      changed_at: new Date(row.created_at).toISOString(),
      field: row.field,
      label: auditedFieldLabel(row.field),
      from_value: row.from_value ?? null,
      to_value: row.to_value ?? null,
      actor_type: row.actor_type,
      actor_id: row.actor_id ?? null,
      actor_label: row.actor_label,
    })),
    count,
    limit,
    offset,
  }
}
