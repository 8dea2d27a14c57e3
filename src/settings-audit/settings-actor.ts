import { Modules } from "@medusajs/framework/utils"
import type { AuthenticatedMedusaRequest } from "@medusajs/framework/http"

/** Who made a settings change, as the audit trail names them. */
export type SettingsActor = { actor_type: "user" | "api_key" | "stripe" | "system"; actor_id: string | null; actor_label: string }

/** The admin user (by email, as it is now) or the secret API key behind a request. */
export async function settingsActorOf(req: AuthenticatedMedusaRequest): Promise<SettingsActor> {
  const { actor_type, actor_id } = req.auth_context ?? {}
  if (actor_type === "user" && actor_id) {
    const user = await req.scope
      .resolve(Modules.USER)
      .retrieveUser(actor_id, { select: ["email"] })
      .catch(() => null)
    return { actor_type: "user", actor_id, actor_label: user?.email ?? actor_id }
  }
  if (actor_type === "api-key") return { actor_type: "api_key", actor_id: actor_id ?? null, actor_label: "secret API key" }
  return { actor_type: "system", actor_id: actor_id ?? null, actor_label: actor_type ? `${actor_type}` : "unknown caller" }
}
