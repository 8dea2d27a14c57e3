import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { resolveStripeCollectService, type StripeConnection } from "../stripe-account/stripe-connection"
import { ACCOUNT_FIELD, auditedChanges } from "./audited-fields"
import { emailAccountChange } from "./account-change-email"
import type { SettingsActor } from "./settings-actor"

/**
 * Writes one audit row per audited field that changed between `before` and `after`, and when the Stripe
 * account became a different one than the store last had, emails the integration-error address as it was
 * before. Returns the rows written.
 */
export async function recordSettingsChanges(
  container: MedusaContainer,
  actor: SettingsActor,
  before: StripeConnection | undefined,
  after: StripeConnection | undefined
) {
  const changes = auditedChanges(before, after)
  if (changes.length === 0) return []
  const service = resolveStripeCollectService(container)
  // The account the store last had, even if it was disconnected in between (disconnect, then connect another).
  const previousAccount = before?.stripe_account_id ?? (await lastConnectedAccount(container))
  // One moment for one change, so its rows list together (then by field).
  const created_at = new Date()
  const rows = await service.createSettingsChanges(changes.map((change) => ({ ...change, ...actor, created_at })))

  const account = rows.find((row) => row.field === ACCOUNT_FIELD)
  if (account?.to_value && previousAccount && account.to_value !== previousAccount && before?.error_email) {
    await emailAccountChange(container, {
      change_id: account.id,
      to: before.error_email,
      store_name: before.store_name ?? after?.store_name ?? null,
      from_account: previousAccount,
      to_account: account.to_value,
      actor_label: actor.actor_label,
      changed_at: new Date(account.created_at),
    }).catch((error: unknown) =>
      container
        .resolve(ContainerRegistrationKeys.LOGGER)
        .error(
          `stripe-collect: could not email ${before.error_email} about the Stripe account change: ${error instanceof Error ? error.message : String(error)}`
        )
    )
  }
  return rows
}

async function lastConnectedAccount(container: MedusaContainer): Promise<string | null> {
  const [last] = await resolveStripeCollectService(container).listSettingsChanges(
    { field: ACCOUNT_FIELD, to_value: { $ne: null } },
    { order: { created_at: "DESC" }, take: 1 }
  )
  return last?.to_value ?? null
}
