import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { findStripeConnection, resolveStripeCollectService, STRIPE_CONNECTION_LOCK } from "../../../stripe-account/stripe-connection"

type Undo = { id: string; created: boolean; count: number; at: Date | null }

export const countWebhookSignatureFailureStepId = "count-webhook-signature-failure"

export type CountWebhookSignatureFailuresInput = {
  /** Failures to add: the webhook entry counts in memory and writes them together, once per window. */
  failures: number
}

/** Adds the failures to those since the last verified webhook event; returns the new count. */
export const countWebhookSignatureFailureStep = createStep(
  countWebhookSignatureFailureStepId,
  async ({ failures }: CountWebhookSignatureFailuresInput, { container }) => {
    const added = Math.max(1, Math.floor(failures))
    const service = resolveStripeCollectService(container)
    const now = new Date()
    const { count, undo } = await container.resolve(Modules.LOCKING).execute(
      STRIPE_CONNECTION_LOCK,
      async () => {
        const existing = await findStripeConnection(container)
        if (!existing) {
          const created = await service.createStripeConnections({
            webhook_failure_count: added,
            last_webhook_failure_at: now,
          })
          return { count: added, undo: { id: created.id, created: true, count: 0, at: null } }
        }
        const count = (existing.webhook_failure_count ?? 0) + added
        await service.updateStripeConnections({
          id: existing.id,
          webhook_failure_count: count,
          last_webhook_failure_at: now,
        })
        const previousAt = existing.last_webhook_failure_at ? new Date(existing.last_webhook_failure_at) : null
        return { count, undo: { id: existing.id, created: false, count: count - added, at: previousAt } }
      },
      { timeout: 10 }
    )
    return new StepResponse<number, Undo>(count, undo)
  },
  async (undo, { container }) => {
    if (!undo) {
      return
    }
    const service = resolveStripeCollectService(container)
    if (undo.created) {
      await service.deleteStripeConnections(undo.id)
    } else {
      await service.updateStripeConnections({
        id: undo.id,
        webhook_failure_count: undo.count,
        last_webhook_failure_at: undo.at,
      })
    }
  }
)
