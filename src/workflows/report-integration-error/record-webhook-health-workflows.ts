import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { upsertStripeConnectionStep } from "../connect-stripe-account/steps/upsert-stripe-connection"
import { reportIntegrationErrorWorkflow } from "./report-integration-error-workflow"
import { countWebhookSignatureFailureStep } from "./steps/count-webhook-signature-failure"
import type { ReportIntegrationErrorInput } from "./types"

/** After this many failed signature checks in a row, the merchant is told (one email per 15 minutes). */
export const WEBHOOK_FAILURES_BEFORE_ALERT = 3

/** Call when a Stripe webhook event passed its signature check: the settings page shows it as healthy. */
export const recordWebhookReceivedWorkflow = createWorkflow(
  "stripe-collect-record-webhook-received",
  () => {
    const changes = transform({}, () => ({ last_webhook_at: new Date(), webhook_failure_count: 0 }))
    const connection = upsertStripeConnectionStep(changes)
    return new WorkflowResponse(
      transform({ connection }, ({ connection }) => ({ last_webhook_at: connection.last_webhook_at }))
    )
  }
)

export type WebhookSignatureFailureInput = {
  /** Why the check failed (the verifier's message); never the signature or the secret. */
  message: string
}

/** Call when a request to the webhook endpoint failed its signature check. */
export const recordWebhookSignatureFailureWorkflow = createWorkflow(
  "stripe-collect-record-webhook-signature-failure",
  (input: WebhookSignatureFailureInput) => {
    const failures = countWebhookSignatureFailureStep()

    when({ failures }, ({ failures }) => failures >= WEBHOOK_FAILURES_BEFORE_ALERT).then(() => {
      reportIntegrationErrorWorkflow.runAsStep({
        input: transform({ input, failures }, ({ input, failures }): ReportIntegrationErrorInput => ({
          kind: "webhook_signature_failing",
          operation: "Receive Stripe webhook",
          message: `${failures} webhook requests in a row failed the signature check. Last: ${input.message}`,
        })),
      })
    })

    return new WorkflowResponse(transform({ failures }, ({ failures }) => ({ consecutive_failures: failures })))
  }
)
