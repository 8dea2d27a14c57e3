import type { MedusaRequest } from "@medusajs/framework/http"
import { connectClientId } from "../../../../stripe-account/connect-client-id"
import { stripeSettings } from "../../../../stripe/configured-gateway"
import { CONNECT_WEBHOOK_EVENTS, WEBHOOK_EVENTS } from "../../../../webhooks/webhook-events"
import { publicUrlOf } from "../../../utils/public-url"

/** What to paste into Stripe: the endpoint's full URL (from the public URL) and the events to select. */
export function webhookEndpoint(req: MedusaRequest, endpointPath: string): { endpoint_url: string | null; events: string[] } {
  let endpointUrl: string | null
  try {
    endpointUrl = `${publicUrlOf(req)}${endpointPath}`
  } catch {
    // Live keys without STRIPE_COLLECT_PUBLIC_URL (boot refuses that): the path alone is shown.
    endpointUrl = null
  }
  const connect = Boolean(connectClientId(stripeSettings(req.scope).options))
  return { endpoint_url: endpointUrl, events: [...WEBHOOK_EVENTS, ...(connect ? CONNECT_WEBHOOK_EVENTS : [])] }
}
