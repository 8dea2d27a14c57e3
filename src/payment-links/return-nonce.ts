import { createHmac, timingSafeEqual } from "crypto"
import type { MedusaContainer } from "@medusajs/framework/types"
import { linkSecrets } from "./link-secrets"

/**
 * What Stripe's success_url/cancel_url carry instead of the link's long-lived token: a return nonce that
 * names the link and when it stops working, signed with the link secret. Stripe keeps those URLs with the
 * Checkout Session (and shows them in its Dashboard); a nonce found there is dead a day after the session.
 */

/** How long a return nonce outlives the Checkout Session it was made for. */
export const RETURN_NONCE_HOURS = 24

const signature = (secret: string, body: string) =>
  createHmac("sha256", `stripe-collect-checkout-return:${secret}`).update(body).digest("base64url")

/** `<link id>.<valid until, unix seconds>.<HMAC>`: URL-safe, checkable without the database. */
export function makeReturnNonce(container: MedusaContainer, linkId: string, validUntilSeconds: number): string {
  const body = `${linkId}.${Math.floor(validUntilSeconds)}`
  return `${body}.${signature(linkSecrets(container).current.secret, body)}`
}

export type ReturnNonceCheck = { status: "valid"; link_id: string } | { status: "expired" } | { status: "invalid" }

/** Whether a nonce is ours (under the current or a previous link secret) and still within its time. */
export function checkReturnNonce(container: MedusaContainer, nonce: string, now = Date.now()): ReturnNonceCheck {
  const match = /^([A-Za-z0-9_]{1,64})\.(\d{9,11})\.([A-Za-z0-9_-]{43})$/.exec(nonce)
  if (!match) return { status: "invalid" }
  const [, linkId, until, given] = match
  const body = `${linkId}.${until}`
  const { current, previous } = linkSecrets(container)
  const signed = [current, ...previous].some((s) => timingSafeEqual(Buffer.from(signature(s.secret, body)), Buffer.from(given)))
  if (!signed) return { status: "invalid" }
  if (Number(until) * 1000 <= now) return { status: "expired" }
  return { status: "valid", link_id: linkId }
}

export const checkoutReturnPath = (nonce: string) => `/stripe-collect/return/${nonce}`
