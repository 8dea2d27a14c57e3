import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { connectStripeAccountWorkflow } from "../../../../../workflows/connect-stripe-account"
import { ConnectCallbackQuery } from "../../settings/validators"
import { settingsPageUrl } from "../admin-urls"

const GENERIC_FAILURE = "Stripe could not be connected. Press Done to try again; if it keeps failing, check the server log."

// Messages we wrote for the merchant are shown as they are; anything else stays in the server log.
function readableFailure(error: unknown): string | null {
  const isOurs =
    typeof error === "object" &&
    error !== null &&
    "type" in error &&
    (error.type === MedusaError.Types.NOT_ALLOWED || error.type === MedusaError.Types.INVALID_DATA) &&
    "message" in error &&
    typeof error.message === "string"
  return isOurs ? String(error.message) : null
}

// Stripe sends the admin back here (their session cookie comes along); the page shows the outcome.
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const parsed = ConnectCallbackQuery.safeParse(req.query)
  const query = parsed.success ? parsed.data : {}
  try {
    await connectStripeAccountWorkflow(req.scope).run({
      input: {
        user_id: req.auth_context.actor_id,
        state: query.state,
        code: query.code,
        error: query.error,
        error_description: query.error_description,
      },
    })
  } catch (error) {
    const message = readableFailure(error)
    if (!message) {
      req.scope
        .resolve(ContainerRegistrationKeys.LOGGER)
        .error(`stripe-collect: Stripe Connect callback failed: ${error instanceof Error ? error.stack : String(error)}`)
    }
    return res.redirect(settingsPageUrl(req, { error: message ?? GENERIC_FAILURE }))
  }
  res.redirect(settingsPageUrl(req, { connected: true }))
}
