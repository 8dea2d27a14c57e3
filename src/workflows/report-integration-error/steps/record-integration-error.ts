import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { findStripeConnection, resolveStripeCollectService } from "../../../stripe-account/stripe-connection"
import { INTEGRATION_ERROR_EMAIL_WINDOW_MS } from "../../../integration-errors/integration-error-kinds"
import type { IntegrationErrorEmailStatus, ReportIntegrationErrorInput } from "../../../integration-errors/types"

export type RecordedIntegrationError = {
  activity_id: string
  status: IntegrationErrorEmailStatus
  /** The error address from the settings, when the error may be emailed now. */
  email_to: string | null
  store_name: string | null
  occurred_at: string
}

const MAX_MESSAGE_LENGTH = 2000

export const recordIntegrationErrorStepId = "record-integration-error"

/**
 * Writes the error to the activity log and decides, under a lock per kind, whether it may be
 * emailed: not if an email for the same kind went out within the throttle window.
 */
export const recordIntegrationErrorStep = createStep(
  recordIntegrationErrorStepId,
  async (input: ReportIntegrationErrorInput, { container }) => {
    const service = resolveStripeCollectService(container)
    const locking = container.resolve(Modules.LOCKING)

    const recorded = await locking.execute(
      `stripe-collect:integration-error:${input.kind}`,
      async (): Promise<RecordedIntegrationError> => {
        const connection = await findStripeConnection(container)
        const since = new Date(Date.now() - INTEGRATION_ERROR_EMAIL_WINDOW_MS)
        const [recentEmail] = await service.listActivities(
          {
            kind: "error",
            failure_code: input.kind,
            ...(input.stripe_object_id ? { stripe_object_id: input.stripe_object_id } : {}),
            status: ["emailing", "emailed"],
            created_at: { $gte: since },
          },
          { take: 1, select: ["id"] }
        )
        const emailTo = connection?.error_email ?? null
        const status: IntegrationErrorEmailStatus = recentEmail ? "throttled" : emailTo ? "emailing" : "no_recipient"

        const activity = await service.createActivities({
          kind: "error",
          status,
          operation: input.operation,
          order_id: input.order_id ?? null,
          stripe_request_id: input.stripe_request_id ?? null,
          stripe_object_id: input.stripe_object_id ?? null,
          failure_code: input.kind,
          message: input.message.slice(0, MAX_MESSAGE_LENGTH),
          livemode: connection?.livemode ?? false,
        })
        return {
          activity_id: activity.id,
          status,
          email_to: status === "emailing" ? emailTo : null,
          store_name: connection?.store_name ?? null,
          occurred_at: new Date(activity.created_at).toISOString(),
        }
      },
      { timeout: 15 }
    )
    return new StepResponse(recorded, recorded.activity_id)
  },
  async (activityId, { container }) => {
    if (activityId) {
      await resolveStripeCollectService(container).deleteActivities(activityId)
    }
  }
)
