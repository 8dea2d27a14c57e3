import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { connectStripeAccountWorkflow } from "../../../../../workflows/connect-stripe-account"
import { ConnectCallbackQuery } from "../../settings/validators"
import { settingsPageUrl } from "../admin-urls"
import { withSettingsAudit } from "../../../../../settings-audit/with-settings-audit"

/**
 * The outcome travels to the settings page as a code the page words itself: text in the URL would let
 * anyone craft a link that shows an admin their own message on the store's settings page.
 */
export const CONNECT_ERROR_CODES = [
  "oauth_state_missing",
  "oauth_state_mismatch",
  "oauth_state_other_admin",
  "oauth_state_expired",
  "cancelled_in_stripe",
  "not_authorized",
  "no_code",
  "stripe_access_rejected",
  "stripe_unreachable",
] as const

type ConnectErrorCode = (typeof CONNECT_ERROR_CODES)[number] | "failed"

// Codes we set on errors we wrote for the merchant; anything else is "failed", its detail in the server log.
function failureCode(error: unknown): ConnectErrorCode {
  const code = typeof error === "object" && error !== null && "code" in error ? (error as { code?: unknown }).code : undefined
  return (CONNECT_ERROR_CODES as readonly unknown[]).includes(code) ? (code as ConnectErrorCode) : "failed"
}

// Stripe sends the admin back here (their session cookie comes along); the page shows the outcome.
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const parsed = ConnectCallbackQuery.safeParse(req.query)
  const query = parsed.success ? parsed.data : {}
  try {
    await withSettingsAudit(req, () =>
      connectStripeAccountWorkflow(req.scope).run({
        input: {
          user_id: req.auth_context.actor_id,
          state: query.state,
          code: query.code,
          error: query.error,
          error_description: query.error_description,
        },
      })
    )
  } catch (error) {
    const code = failureCode(error)
    const logger = req.scope.resolve(ContainerRegistrationKeys.LOGGER)
    if (code === "failed")
      logger.error(`stripe-collect: Stripe Connect callback failed: ${error instanceof Error ? error.stack : String(error)}`)
    else logger.warn(`stripe-collect: Stripe Connect callback refused (${code}): ${error instanceof Error ? error.message : String(error)}`)
    return res.redirect(settingsPageUrl(req, { error: code }))
  }
  res.redirect(settingsPageUrl(req, { connected: true }))
}
