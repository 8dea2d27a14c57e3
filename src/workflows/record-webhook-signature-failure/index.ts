import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { reportIntegrationErrorWorkflow } from "../report-integration-error"
import { countWebhookSignatureFailureStep } from "./steps/count-webhook-signature-failure"
import type { ReportIntegrationErrorInput } from "../../integration-errors/types"

/** After this many failed signature checks in a row, the merchant is told (one email per 15 minutes). */
export const WEBHOOK_FAILURES_BEFORE_ALERT = 3

export type WebhookSignatureFailureInput = {
  /** Why the check failed (the verifier's message); never the signature or the secret. */
  message: string
  /** How many failed requests this record stands for (the webhook entry counts in memory); 1 when absent. */
  failures?: number
  /** False when the caller already reported within its window: count only, no error row, no email. */
  report?: boolean
}

/**
 * Call when requests to the webhook endpoint failed their signature check. It writes one update of
 * the connection row and, past the threshold, one integration-error report: the webhook entry calls
 * it at most once per window however many requests fail (src/webhooks/signature-failures.ts).
 */
export const recordWebhookSignatureFailureWorkflow = createWorkflow(
  "stripe-collect-record-webhook-signature-failure",
  (input: WebhookSignatureFailureInput) => {
    const failures = countWebhookSignatureFailureStep(transform({ input }, ({ input }) => ({ failures: input.failures ?? 1 })))
    const reporting = transform(
      { input, failures },
      ({ input, failures }) => input.report !== false && failures >= WEBHOOK_FAILURES_BEFORE_ALERT
    )

    when({ reporting }, ({ reporting }) => reporting).then(() => {
      reportIntegrationErrorWorkflow.runAsStep({
        input: transform({ input, failures }, ({ input, failures }): ReportIntegrationErrorInput => ({
          kind: "webhook_signature_failing",
          operation: "Receive Stripe webhook",
          message: `${failures} webhook requests in a row failed the signature check. Last: ${input.message}`,
        })),
      })
    })

    return new WorkflowResponse(
      transform({ failures, reporting }, ({ failures, reporting }) => ({
        consecutive_failures: failures,
        reported: reporting,
      }))
    )
  }
)
