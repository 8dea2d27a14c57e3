import { createHash } from "crypto"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"

/** A secret link tokens are derived with, and its public id (stored in each link's nonce). */
export type LinkSecret = { id: string; secret: string }

export type LinkSecrets = { current: LinkSecret; previous: LinkSecret[] }

// Outside production, links work without configuration; these values are public, so never in production.
const DEVELOPMENT_SECRET = "stripe-collect-development-link-secret-not-for-production"
const WEAK_SECRETS = new Set(["supersecret", "secret", "changeme", DEVELOPMENT_SECRET])
const MIN_LENGTH = 32

const idOf = (secret: string) => createHash("sha256").update(`stripe-collect-link-secret:${secret}`).digest("base64url").slice(0, 8)
const named = (secret: string): LinkSecret => ({ id: idOf(secret), secret })

type Env = Record<string, string | undefined>

/**
 * What is wrong with the link secrets for this environment, or null. In production the current secret must
 * be set, at least 32 characters, not a known default, and not Medusa's cookie or JWT secret (a dedicated
 * one: a leak of one does not open every customer's pay link).
 */
export function linkSecretProblem(env: Env, medusaSecrets: (string | undefined)[] = []): string | null {
  const secret = env.STRIPE_COLLECT_LINK_SECRET?.trim()
  if (env.NODE_ENV !== "production") {
    if (secret !== undefined && secret.length > 0 && secret.length < MIN_LENGTH) {
      return `STRIPE_COLLECT_LINK_SECRET must be at least ${MIN_LENGTH} characters (e.g. openssl rand -base64 48)`
    }
    return null
  }
  if (!secret)
    return "STRIPE_COLLECT_LINK_SECRET must be set in production: the secret customers' pay links are made with (openssl rand -base64 48)"
  if (WEAK_SECRETS.has(secret)) return `STRIPE_COLLECT_LINK_SECRET must not be a default value like "supersecret" in production`
  if (secret.length < MIN_LENGTH)
    return `STRIPE_COLLECT_LINK_SECRET must be at least ${MIN_LENGTH} characters (e.g. openssl rand -base64 48)`
  if (medusaSecrets.includes(secret)) return "STRIPE_COLLECT_LINK_SECRET must be its own secret, not Medusa's cookie or JWT secret"
  return null
}

/** The configured secrets: STRIPE_COLLECT_LINK_SECRET, then STRIPE_COLLECT_PREVIOUS_LINK_SECRETS (comma-separated, newest first). */
export function readLinkSecrets(env: Env): LinkSecrets {
  const current = env.STRIPE_COLLECT_LINK_SECRET?.trim() || DEVELOPMENT_SECRET
  const previous = (env.STRIPE_COLLECT_PREVIOUS_LINK_SECRETS ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0 && s !== current)
  return { current: named(current), previous: previous.map(named) }
}

/** The link secrets of this server; refuses to run in production with a missing or default secret. */
export function linkSecrets(container: MedusaContainer): LinkSecrets {
  const { projectConfig } = container.resolve(ContainerRegistrationKeys.CONFIG_MODULE)
  const medusaSecrets = [projectConfig.http.cookieSecret, projectConfig.http.jwtSecret].map((s) =>
    s === undefined ? undefined : String(s)
  )
  const problem = linkSecretProblem(process.env, medusaSecrets)
  if (problem) throw new Error(`stripe-collect: ${problem}`)
  return readLinkSecrets(process.env)
}
