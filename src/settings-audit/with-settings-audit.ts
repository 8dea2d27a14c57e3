import type { AuthenticatedMedusaRequest } from "@medusajs/framework/http"
import { findStripeConnection } from "../stripe-account/stripe-connection"
import { recordSettingsChanges } from "./record-settings-changes"
import { settingsActorOf } from "./settings-actor"

/**
 * Runs a settings change (save, connect, disconnect) and audits what it changed: the connection row is read
 * before and after, so whatever the change touched — including an account the key check found — is recorded.
 */
export async function withSettingsAudit<T>(req: AuthenticatedMedusaRequest, change: () => Promise<T>): Promise<T> {
  const [actor, before] = await Promise.all([settingsActorOf(req), findStripeConnection(req.scope)])
  const result = await change()
  await recordSettingsChanges(req.scope, actor, before, await findStripeConnection(req.scope))
  return result
}
