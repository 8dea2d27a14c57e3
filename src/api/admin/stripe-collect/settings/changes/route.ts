import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { recentSettingsChanges } from "../../../../../settings-audit/recent-settings-changes"
import { SettingsChangesQuery } from "./validators"

// Settings → Stripe → Recent changes: who changed the account, store name or an address, newest first.
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const parsed = SettingsChangesQuery.safeParse(req.query)
  if (!parsed.success) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, parsed.error.issues.map((issue) => issue.message).join("; "))
  }
  res.json(await recentSettingsChanges(req.scope, parsed.data))
}
