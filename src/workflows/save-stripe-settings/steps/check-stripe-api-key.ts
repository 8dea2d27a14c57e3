import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { stripeSettings } from "../../../stripe/configured-gateway"
import { readStripeAccount } from "../../../stripe-account/read-stripe-account"
import type { StripeConnectionChanges } from "../../steps/upsert-stripe-connection"
import { connectClientId } from "../../../stripe-account/connect-client-id"
import { findStripeConnection } from "../../../stripe-account/stripe-connection"

/** The outcome shown after Done: whether the server's API key works, and for which account. */
export type StripeKeyCheck =
  | { checked: false }
  | { checked: true; ok: true; stripe_account_id: string; account_display_name: string | null }
  | {
      checked: true
      ok: false
      /** What happened: Stripe could not be reached, or it refused the key. */
      reason: "unreachable" | "refused"
      message: string
      stripe_request_id: string | null
    }

export type CheckStripeApiKeyOutput = {
  check: StripeKeyCheck
  /** What the connection row must say after the check, or null to leave it alone. */
  changes: StripeConnectionChanges | null
}

export const checkStripeApiKeyStepId = "check-stripe-api-key"

/**
 * In API-key mode, proves the configured key works with `GET /v1/account` and names its account.
 * With Connect OAuth configured there is nothing to check here: an unconnected store continues to Stripe.
 */
export const checkStripeApiKeyStep = createStep(checkStripeApiKeyStepId, async (_: void, { container }) => {
  const { options } = stripeSettings(container)
  if (connectClientId(options)) {
    return new StepResponse<CheckStripeApiKeyOutput>({ check: { checked: false }, changes: null })
  }

  const result = await readStripeAccount(container, { operation: "Check the Stripe API key" })
  if (!result.ok) {
    const check: StripeKeyCheck = {
      checked: true,
      ok: false,
      reason: result.failure.kind === "stripe_access_rejected" ? "refused" : "unreachable",
      message: result.failure.message,
      stripe_request_id: result.failure.stripe_request_id,
    }
    // A refused key means the store is not connected any more; an outage changes nothing.
    const changes: StripeConnectionChanges | null =
      result.failure.kind === "stripe_access_rejected" ? { stripe_account_id: null, account_display_name: null, connected_at: null } : null
    return new StepResponse<CheckStripeApiKeyOutput>({ check, changes })
  }

  const existing = await findStripeConnection(container)
  const sameAccount = existing?.mode === "api_key" && existing.stripe_account_id === result.account.stripe_account_id
  return new StepResponse<CheckStripeApiKeyOutput>({
    check: { checked: true, ok: true, ...result.account },
    changes: {
      mode: "api_key",
      ...result.account,
      livemode: /^(sk|rk)_live_/.test(options.apiKey),
      connected_at: sameAccount && existing.connected_at ? existing.connected_at : new Date(),
    },
  })
})
