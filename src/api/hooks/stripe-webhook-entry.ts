import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { stripeSettings } from "../../stripe"
import { receiveStripeDelivery } from "../../webhooks/receive-stripe-delivery"

const PROVIDER_PREFIX = "stripe-collect_"

/**
 * The one entry for Stripe's webhooks to this plugin's provider: verified once here, answered here.
 * It never calls next() for our provider, so Medusa's own route never queues our events (and no
 * subscriber verifies them again); other providers' webhooks pass through untouched.
 */
export async function stripeWebhookEntry(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const receivedAt = new Date()
  const provider = req.params?.provider ?? ""
  if (!provider.startsWith(PROVIDER_PREFIX)) return next()

  try {
    if (provider !== `${PROVIDER_PREFIX}${stripeSettings(req.scope).providerId}`) {
      res.status(404).json({ type: "not_found", message: `No Stripe webhook endpoint for provider ${provider}` })
      return
    }
    const rawBody: unknown = req.rawBody
    const answer = await receiveStripeDelivery(
      req.scope,
      { rawData: typeof rawBody === "string" || Buffer.isBuffer(rawBody) ? rawBody : undefined, headers: req.headers },
      receivedAt
    )
    res.status(answer.status).json(answer.body)
  } catch (error) {
    // Not answered 2xx: Stripe delivers the event again later.
    next(error)
  }
}
