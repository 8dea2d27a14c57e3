/**
 * The metadata that marks a Stripe object as created by this plugin for one Medusa payment session.
 * Webhooks act only on objects carrying it, so other integrations on the same Stripe account are
 * left alone; PaymentIntents, Checkout Sessions and SetupIntents all carry it.
 */
export const PLUGIN_MARKER_KEY = "stripe_collect"
export const PLUGIN_MARKER_VALUE = "1"

export type StripeCollectMetadata = Record<string, string>

// Stripe's limits: 50 keys, key ≤ 40 characters, value ≤ 500 characters.
const MAX_KEYS = 50
const MAX_KEY_LENGTH = 40
const MAX_VALUE_LENGTH = 500

/**
 * Metadata for a Stripe object of the payment session `sessionId`, with optional extra references
 * (order id, display id, ...). Extra values are trimmed to Stripe's limits; ours always fit.
 */
export function stripeCollectMetadata(
  sessionId: string | undefined,
  extra: Record<string, string | number | null | undefined> = {}
): StripeCollectMetadata {
  const metadata: StripeCollectMetadata = {}
  for (const [key, value] of Object.entries(extra)) {
    if (value === null || value === undefined || value === "") continue
    if (Object.keys(metadata).length >= MAX_KEYS - 2) break
    metadata[key.slice(0, MAX_KEY_LENGTH)] = String(value).slice(0, MAX_VALUE_LENGTH)
  }
  metadata[PLUGIN_MARKER_KEY] = PLUGIN_MARKER_VALUE
  if (sessionId) metadata.session_id = sessionId
  return metadata
}

/** The Medusa payment session id of one of our Stripe objects, or undefined for anyone else's. */
export function ourSessionId(metadata: Record<string, string> | null | undefined): string | undefined {
  if (!metadata || metadata[PLUGIN_MARKER_KEY] !== PLUGIN_MARKER_VALUE) return undefined
  const sessionId = metadata.session_id
  return typeof sessionId === "string" && sessionId.length > 0 ? sessionId : undefined
}

/** Metadata key naming which plugin flow made a Stripe object ("admin_charge", "payment_link"). */
export const FLOW_KEY = "stripe_collect_flow"

/**
 * Flows whose Stripe events the plugin settles itself, under the order's lock (payment links:
 * src/subscribers/settle-link-from-webhook.ts; admin charges: src/subscribers/record-charge-from-webhook.ts).
 * Medusa's own webhook handler must leave them alone, or both would record the same payment at once.
 */
export const FLOWS_SETTLED_BY_THE_PLUGIN = new Set(["payment_link", "admin_charge"])

/** Whether Medusa's webhook handling should act on this object of ours. */
export function settledByMedusaWebhooks(metadata: Record<string, string> | null | undefined): boolean {
  return !FLOWS_SETTLED_BY_THE_PLUGIN.has(metadata?.[FLOW_KEY] ?? "")
}
