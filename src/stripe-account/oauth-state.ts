import { createHash, randomBytes, timingSafeEqual } from "crypto"

/** How long a Connect OAuth `state` stays usable after the admin pressed Done. */
export const OAUTH_STATE_TTL_MS = 10 * 60 * 1000

/** A fresh `state` for Stripe's authorize URL: 256 random bits, URL-safe. */
export function createOAuthState(): string {
  return randomBytes(32).toString("base64url")
}

/** Only this hash is stored, so a database read never yields a usable state. */
export function hashOAuthState(state: string): string {
  return createHash("sha256").update(state, "utf8").digest("hex")
}

export type PendingOAuthState = {
  oauth_state_hash: string | null
  oauth_state_user_id: string | null
  oauth_state_expires_at: Date | string | null
}

export type OAuthStateCheck = { ok: true } | { ok: false; reason: "missing" | "mismatch" | "other_admin" | "expired" }

/** Whether `state` from Stripe's redirect is the one this admin started, and still fresh. */
export function checkOAuthState(
  pending: PendingOAuthState | undefined,
  state: string | undefined,
  userId: string,
  now: Date
): OAuthStateCheck {
  if (!pending?.oauth_state_hash || !state) {
    return { ok: false, reason: "missing" }
  }
  const expected = Buffer.from(pending.oauth_state_hash, "hex")
  const received = Buffer.from(hashOAuthState(state), "hex")
  if (expected.length !== received.length || !timingSafeEqual(expected, received)) {
    return { ok: false, reason: "mismatch" }
  }
  if (pending.oauth_state_user_id !== userId) {
    return { ok: false, reason: "other_admin" }
  }
  const expiresAt = pending.oauth_state_expires_at ? new Date(pending.oauth_state_expires_at) : undefined
  if (!expiresAt || expiresAt.getTime() <= now.getTime()) {
    return { ok: false, reason: "expired" }
  }
  return { ok: true }
}

/** What the settings page tells the admin when a `state` is refused. */
export const OAUTH_STATE_MESSAGES: Record<Exclude<OAuthStateCheck, { ok: true }>["reason"], string> = {
  missing: "This Stripe authorization was not started here or was already used. Press Done to connect again.",
  mismatch: "This Stripe authorization was not started here or was already used. Press Done to connect again.",
  other_admin: "This Stripe authorization was started by another admin. Press Done to connect again.",
  expired: "This Stripe authorization expired after 10 minutes. Press Done to connect again.",
}
