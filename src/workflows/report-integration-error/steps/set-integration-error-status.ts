import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { resolveStripeCollectService } from "../../../stripe-account/stripe-connection"
import type { IntegrationErrorEmailStatus } from "../../../integration-errors/types"

export const setIntegrationErrorStatusStepId = "set-integration-error-status"

/** Records whether the error's email went out, which the throttle and the settings page read. */
export const setIntegrationErrorStatusStep = createStep(
  setIntegrationErrorStatusStepId,
  async (input: { activity_id: string; status: IntegrationErrorEmailStatus }, { container }) => {
    const activity = await resolveStripeCollectService(container).updateActivities({
      id: input.activity_id,
      status: input.status,
    })
    return new StepResponse(activity)
  }
)
