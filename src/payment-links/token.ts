import { createHash, createHmac, randomBytes } from "crypto"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"

/** A fresh random nonce per link (128 bits); rotating it revokes every URL sent before. */
export function generateTokenNonce(): string {
  return randomBytes(16).toString("base64url")
}

/**
 * The link's token: HMAC-SHA256 of its nonce under the server's secret (256 bits, URL-safe).
 * The database holds the nonce and the token's hash, never the token, yet the email can be resent.
 */
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

/** The server secret link tokens are derived with: the app's cookie secret. */
export function linkTokenSecret(container: MedusaContainer): string {
  const config = container.resolve(ContainerRegistrationKeys.CONFIG_MODULE)
  return String(config.projectConfig.http.cookieSecret ?? config.projectConfig.http.jwtSecret ?? "")
}

export const payPagePath = (token: string) => `/stripe-collect/pay/${token}`

/** The public URL of a link's pay page. */
export function payPageUrl(container: MedusaContainer, publicUrl: string, nonce: string): string {
  const token = deriveLinkToken(linkTokenSecret(container), nonce)
  return `${publicUrl.replace(/\/+$/, "")}${payPagePath(token)}`
}
