import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { startStripeConnectWorkflow } from "../../../../workflows/start-stripe-connect"
import { connectRedirectUri } from "./admin-urls"

// Done in Connect OAuth mode: the dashboard sends the admin to `authorize_url`.
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { result } = await startStripeConnectWorkflow(req.scope).run({
    input: { user_id: req.auth_context.actor_id, redirect_uri: connectRedirectUri(req) },
  })
  res.json({ authorize_url: result.authorize_url })
}
