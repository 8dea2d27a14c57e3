import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { webhookEndpoint } from "./webhook-endpoint"
import { saveStripeSettingsWorkflow } from "../../../../workflows/save-stripe-settings"
import { readStripeSettings } from "./read-stripe-settings"
import { stripeCollectPermissions } from "../../../utils/stripe-collect-permissions"
import type { SaveStripeSettingsBody } from "./validators"
import { withSettingsAudit } from "../../../../settings-audit/with-settings-audit"

// Settings → Stripe: the connection state, never a secret.
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const settings = await readStripeSettings(req.scope, req.auth_context?.actor_id)
  settings.webhook = { ...settings.webhook, ...webhookEndpoint(req, settings.webhook.endpoint_path) }
  res.json({ settings: { ...settings, permissions: await stripeCollectPermissions(req) } })
}

// Done: save the store name and error address; in API-key mode also check the key with Stripe.
export async function POST(req: AuthenticatedMedusaRequest<SaveStripeSettingsBody>, res: MedusaResponse) {
  const { result } = await withSettingsAudit(req, () => saveStripeSettingsWorkflow(req.scope).run({ input: req.validatedBody }))
  const settings = await readStripeSettings(req.scope, req.auth_context?.actor_id)
  settings.webhook = { ...settings.webhook, ...webhookEndpoint(req, settings.webhook.endpoint_path) }
  res.json({ settings: { ...settings, permissions: await stripeCollectPermissions(req) }, stripe_check: result.stripe_check })
}
