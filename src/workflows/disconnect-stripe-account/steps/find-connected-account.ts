import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { findStripeConnection } from "../../../stripe-account/stripe-connection"

export type ConnectedAccountRef = { mode: "api_key" | "oauth"; stripe_account_id: string | null }

/** Which account is connected now, before the workflow forgets it. */
export const findConnectedAccountStep = createStep("find-connected-stripe-account", async (_: void, { container }) => {
  const connection = await findStripeConnection(container)
  return new StepResponse<ConnectedAccountRef>({
    mode: connection?.mode ?? "api_key",
    stripe_account_id: connection?.stripe_account_id ?? null,
  })
})
