/**
 * The metadata that marks a Stripe object as created by this plugin for one Medusa payment session.
 * Medusa's webhook handling acts only on objects carrying it (webhooks.ts), so other integrations on the
 * same Stripe account are left alone.
 */
export const PLUGIN_MARKER_KEY = "stripe_collect"
export const PLUGIN_MARKER_VALUE = "1"

export type StripeCollectMetadata = Record<string, string>

// Stripe's limits: 50 keys, key ≤ 40 characters, value ≤ 500 characters.
const MAX_KEYS = 50
const MAX_KEY_LENGTH = 40
const MAX_VALUE_LENGTH = 500

/** Every key a storefront's metadata gets on Stripe starts with this, so it can never be one of ours. */
export const STOREFRONT_METADATA_PREFIX = "storefront_"
/** How many of a storefront's metadata entries are kept (the rest are dropped). */
export const MAX_STOREFRONT_METADATA_KEYS = 20
// Letters, digits and `_ - . :` only: brackets would nest in Stripe's form encoding, and the rest has no use.
const STOREFRONT_KEY = /^[A-Za-z0-9_.:-]+$/

/**
 * Metadata for a Stripe object of the payment session `sessionId`, with optional extra references.
 * Extra values are trimmed to Stripe's limits; the marker and session id are written last, so no
 * extra entry can replace them.
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
  else delete metadata.session_id
  return metadata
}

/**
 * A storefront's `data.metadata`, made safe for Stripe: every key prefixed `storefront_` (so it can
 * never read as one of the plugin's keys — order, flow, session, attempt), keys that would exceed
 * Stripe's 40 characters or use other characters than `A-Z a-z 0-9 _ - . :` dropped, at most 20 entries,
 * values (strings, numbers, booleans) trimmed to 500 characters. Anything else is dropped.
 */
export function storefrontMetadata(value: unknown): StripeCollectMetadata {
  if (!value || typeof value !== "object" || Array.isArray(value)) return {}
  const metadata: StripeCollectMetadata = {}
  for (const [key, entry] of Object.entries(value)) {
    if (Object.keys(metadata).length >= MAX_STOREFRONT_METADATA_KEYS) break
    const prefixed = `${STOREFRONT_METADATA_PREFIX}${key}`
    if (prefixed.length > MAX_KEY_LENGTH || !STOREFRONT_KEY.test(key)) continue
    if (typeof entry !== "string" && typeof entry !== "number" && typeof entry !== "boolean") continue
    const text = String(entry).slice(0, MAX_VALUE_LENGTH)
    if (text.length) metadata[prefixed] = text
  }
  return metadata
}

/** The Medusa payment session id of one of our Stripe objects, or undefined for anyone else's. */
export function ourSessionId(metadata: Record<string, string> | null | undefined): string | undefined {
  if (!metadata || metadata[PLUGIN_MARKER_KEY] !== PLUGIN_MARKER_VALUE) return undefined
  const sessionId = metadata.session_id
  return typeof sessionId === "string" && sessionId.length > 0 ? sessionId : undefined
}
