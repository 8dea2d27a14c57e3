import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { saveReminderSettingsWorkflow } from "../../../../../workflows/save-reminder-settings"
import { readStripeSettings } from "../read-stripe-settings"
import type { SaveReminderSettingsBody } from "../validators"

// The store's time zone (due dates, one reminder a day) and the reminder schedule.
export async function POST(req: AuthenticatedMedusaRequest<SaveReminderSettingsBody>, res: MedusaResponse) {
  await saveReminderSettingsWorkflow(req.scope).run({ input: req.validatedBody })
  res.json({ settings: await readStripeSettings(req.scope, req.auth_context?.actor_id) })
}
