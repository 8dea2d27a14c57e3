import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { verifyStripeWebhook } from "../../providers/stripe-collect/webhooks"
import { stripeAccess } from "../../workflows/connect-stripe-account/stripe-access"
import {
  recordWebhookReceivedWorkflow,
  recordWebhookSignatureFailureWorkflow,
} from "../../workflows/report-integration-error"

const HEALTH_WRITE_INTERVAL_MS = 5_000
let lastHealthWrite = 0

/**
 * Medusa's webhook route answers 200 to anything and checks later; for our provider the signature
 * is checked here first, so forged, stale or altered events get a 400 and are never queued.
 */
export async function verifyStripeCollectWebhook(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const provider = req.params?.provider ?? ""
  if (!provider.startsWith("stripe-collect_")) return next()

  const { stripe, options } = stripeAccess(req.scope)
  try {
    verifyStripeWebhook(
      { data: (req.body ?? {}) as Record<string, unknown>, rawData: (req as MedusaRequest & { rawBody?: Buffer }).rawBody, headers: req.headers },
      { webhooks: stripe.webhooks, secret: options.webhookSecret }
    )
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    await recordWebhookSignatureFailureWorkflow(req.scope)
      .run({ input: { message } })
      .catch(() => undefined)
    res.status(400).json({ type: "invalid_data", message })
    return
  }
  // The settings page shows when events last arrived; a bulk of events needs one write, not one each.
  if (Date.now() - lastHealthWrite > HEALTH_WRITE_INTERVAL_MS) {
    lastHealthWrite = Date.now()
    await recordWebhookReceivedWorkflow(req.scope)
      .run()
      .catch(() => undefined)
  }
  next()
}
