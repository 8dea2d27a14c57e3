import type { MedusaContainer } from "@medusajs/framework/types"
import { stripeGateway } from "../stripe/configured-gateway"
import { reportIntegrationError } from "../integration-errors/report-integration-error"
import { stripeAccountName } from "./stripe-account-name"
import { describeStripeConnectionFailure, type StripeConnectionFailure } from "./stripe-connection-failure"

export type StripeAccountSummary = {
  stripe_account_id: string
  account_display_name: string | null
}

export type StripeAccountCheck = { ok: true; account: StripeAccountSummary } | { ok: false; failure: StripeConnectionFailure }

/**
 * Reads the account with `GET /v1/account`: it proves the key (or the connection) works and gives
 * the id and name shown in the settings. A refusal is reported as an integration error.
 */
export async function readStripeAccount(
  container: MedusaContainer,
  input: {
    /** A connected account (Connect OAuth); absent to read the API key's own account. */
    stripe_account_id?: string | null
    /** What the merchant was doing, for the error log. */
    operation: string
  }
): Promise<StripeAccountCheck> {
  try {
    const { accounts } = stripeGateway(container).onAccount(input.stripe_account_id || undefined)
    const account = await accounts.retrieveCurrent()
    return {
      ok: true,
      account: { stripe_account_id: account.id, account_display_name: stripeAccountName(account) },
    }
  } catch (error) {
    const failure = describeStripeConnectionFailure(error)
    if (!failure) {
      throw error
    }
    await reportIntegrationError(container, {
      kind: failure.kind,
      operation: input.operation,
      stripe_request_id: failure.stripe_request_id,
      message: failure.message,
    })
    return { ok: false, failure }
  }
}
