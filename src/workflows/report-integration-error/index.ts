import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { recordIntegrationErrorStep } from "./steps/record-integration-error"
import { sendIntegrationErrorEmailStep } from "./steps/send-integration-error-email"
import { setIntegrationErrorStatusStep } from "./steps/set-integration-error-status"
import type { IntegrationErrorEmailStatus, ReportIntegrationErrorInput } from "../../integration-errors/types"

export const reportIntegrationErrorWorkflowId = "stripe-collect-report-integration-error"

/**
 * Records an integration failure the merchant must act on, and emails the error address
 * (at most one email per kind of error per 15 minutes).
 */
export const reportIntegrationErrorWorkflow = createWorkflow(reportIntegrationErrorWorkflowId, (input: ReportIntegrationErrorInput) => {
  const recorded = recordIntegrationErrorStep(input)

  const emailStatus = when({ recorded }, ({ recorded }) => recorded.status === "emailing").then(() => {
    const sent = sendIntegrationErrorEmailStep(
      transform({ input, recorded }, ({ input, recorded }) => ({
        error: input,
        activity_id: recorded.activity_id,
        email_to: recorded.email_to ?? "",
        store_name: recorded.store_name,
        occurred_at: recorded.occurred_at,
      }))
    )
    setIntegrationErrorStatusStep(
      transform({ recorded, sent }, ({ recorded, sent }) => ({
        activity_id: recorded.activity_id,
        status: sent,
      }))
    )
    return sent
  })

  const result = transform(
    { recorded, emailStatus },
    ({ recorded, emailStatus }): { activity_id: string; status: IntegrationErrorEmailStatus } => ({
      activity_id: recorded.activity_id,
      status: emailStatus ?? recorded.status,
    })
  )
  return new WorkflowResponse(result)
})
