import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { INTEGRATION_ERROR_EMAIL_WINDOW_MS } from "../integration-errors/integration-error-kinds"
import { recordWebhookReceivedWorkflow } from "../workflows/record-webhook-received"
import { recordWebhookSignatureFailureWorkflow } from "../workflows/record-webhook-signature-failure"
import { SignatureFailureCounter } from "./signature-failures"

/** At most one write of signature failures per minute, per process. */
export const SIGNATURE_FAILURE_WINDOW_MS = 60_000

/** The settings page shows when events last arrived: a burst of events needs one write, not one each. */
export const EVENT_RECEIVED_WRITE_INTERVAL_MS = 5_000

const signatureFailures = new SignatureFailureCounter({
  windowMs: SIGNATURE_FAILURE_WINDOW_MS,
  // The integration-error email is throttled to one per kind per 15 minutes; so is its report row here.
  reportEveryMs: INTEGRATION_ERROR_EMAIL_WINDOW_MS,
})

let lastReceivedWrite = Number.NEGATIVE_INFINITY

/** Counts a request that failed the signature check; writes at most once per window. Never throws. */
export async function noteSignatureFailure(container: MedusaContainer, message: string): Promise<void> {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  await signatureFailures.note(message, async (batch) => {
    try {
      const { result } = await recordWebhookSignatureFailureWorkflow(container).run({ input: batch })
      return { reported: result.reported }
    } catch (error) {
      // The counter keeps the failures for the next window; the 400 answer stays a 400.
      logger.warn(`stripe-collect: could not record ${batch.failures} webhook signature failure(s): ${errorMessage(error)}`)
      throw error
    }
  })
}

/** Notes a verified delivery: the settings page shows webhooks as healthy. Written at most every few seconds. */
export async function noteVerifiedDelivery(container: MedusaContainer): Promise<void> {
  signatureFailures.reset()
  const now = Date.now()
  if (now - lastReceivedWrite < EVENT_RECEIVED_WRITE_INTERVAL_MS) return
  lastReceivedWrite = now
  await recordWebhookReceivedWorkflow(container)
    .run()
    .catch((error: unknown) =>
      container.resolve(ContainerRegistrationKeys.LOGGER).warn(`stripe-collect: could not record webhook health: ${errorMessage(error)}`)
    )
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
