import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { webhookEndpoint } from "../settings/webhook-endpoint"
import { disconnectStripeAccountWorkflow } from "../../../../workflows/disconnect-stripe-account"
import { readStripeSettings } from "../settings/read-stripe-settings"
import { withSettingsAudit } from "../../../../settings-audit/with-settings-audit"

// Disconnect (after the page's confirmation prompt): forget the account; Connect OAuth also revokes it in Stripe.
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { result } = await withSettingsAudit(req, () => disconnectStripeAccountWorkflow(req.scope).run())
  const settings = await readStripeSettings(req.scope, req.auth_context?.actor_id)
  settings.webhook = { ...settings.webhook, ...webhookEndpoint(req, settings.webhook.endpoint_path) }
  res.json({ settings, deauthorized: result.deauthorized })
}
