import { createHash, createHmac, randomBytes } from "crypto"
import { MedusaError } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { linkSecrets, type LinkSecret } from "./link-secrets"

/**
 * The one place pay URLs and link tokens are made. A token is HMAC-SHA256(secret, nonce): 256 bits,
 * as random as its 256-bit nonce. The database keeps the nonce (prefixed with the id of the secret it was
 * made with) and the token's SHA-256, so a database reader finds no working URL and cannot derive one
 * without STRIPE_COLLECT_LINK_SECRET, which lives outside the database. Rotating the secret keeps old
 * links working: the previous secrets stay configured and each nonce names its own.
 */

/** A fresh random nonce per link (256 bits), tagged with the id of the secret its token is derived with. */
export function generateTokenNonce(secret?: LinkSecret): string {
  const random = randomBytes(32).toString("base64url")
  return secret ? `${secret.id}.${random}` : random
}

/** The token of a nonce under a secret: HMAC-SHA256, URL-safe base64 (43 characters). */
export function deriveLinkToken(secret: string, nonce: string): string {
  return createHmac("sha256", `stripe-collect-payment-link:${secret}`).update(nonce).digest("base64url")
}

/** SHA-256 of the token. Lookups compare hashes, so a guess costs the same as a miss. */
export function hashLinkToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex")
}

/** Only strings shaped like our tokens reach the database. */
export function isWellFormedToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token)
}

/** A new link's nonce, token and the token's hash, under the current secret. */
export function newLinkToken(container: MedusaContainer): { nonce: string; token: string; token_hash: string } {
  const { current } = linkSecrets(container)
  const nonce = generateTokenNonce(current)
  const token = deriveLinkToken(current.secret, nonce)
  return { nonce, token, token_hash: hashLinkToken(token) }
}

/** The current secret new links are made with (STRIPE_COLLECT_LINK_SECRET; never Medusa's cookie secret). */
export function linkTokenSecret(container: MedusaContainer): string {
  return linkSecrets(container).current.secret
}

/** The secret a nonce was made with: the one its id names (current or previous); untagged nonces use the current. */
function secretOfNonce(container: MedusaContainer, nonce: string): LinkSecret {
  const { current, previous } = linkSecrets(container)
  const dot = nonce.indexOf(".")
  if (dot < 0) return current
  const id = nonce.slice(0, dot)
  const secret = [current, ...previous].find((s) => s.id === id)
  if (!secret) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `This link was made with a link secret that is no longer configured (id ${id}); keep it in STRIPE_COLLECT_PREVIOUS_LINK_SECRETS, or cancel the link and send a new one`
    )
  }
  return secret
}

export const payPagePath = (token: string) => `/stripe-collect/pay/${token}`

/** The public URL of a link's pay page, from its stored nonce (the same URL every time it is sent). */
export function payPageUrl(container: MedusaContainer, publicUrl: string, nonce: string): string {
  const token = deriveLinkToken(secretOfNonce(container, nonce).secret, nonce)
  return `${publicUrl.replace(/\/+$/, "")}${payPagePath(token)}`
}

/** Pay and Checkout-return URLs with their token or return nonce masked, for anything written down (request logs, notification data). */
export function maskPayTokens(text: string): string {
  return text
    .replace(/(\/stripe-collect\/pay\/)[A-Za-z0-9_-]{43}/g, "$1[token]")
    .replace(/(\/stripe-collect\/return\/)[A-Za-z0-9_.-]+/g, "$1[nonce]")
}
