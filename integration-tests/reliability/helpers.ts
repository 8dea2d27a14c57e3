import Stripe from "stripe"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"

/**
 * Shared by the reliability specs (integration-tests/http/reliability-*.spec.ts): signed webhook
 * posts, bounded concurrency, a seeded shuffle, and snapshots of what must not change under bad input.
 */

export const WEBHOOK_PATH = "/hooks/payment/stripe-collect_default"

/** Posts a body to the webhook route with the given Stripe-Signature (or none). */
export async function postWebhook(baseURL: string, body: string | Buffer, signature?: string, contentType = "application/json") {
  const headers: Record<string, string> = { "content-type": contentType }
  if (signature !== undefined) headers["stripe-signature"] = signature
  // Like Stripe, a delivery whose connection breaks (a reused keep-alive socket the server just closed) is sent again.
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await fetch(`${baseURL}${WEBHOOK_PATH}`, { method: "POST", headers, body })
      return { status: response.status, text: await response.text() }
    } catch (error) {
      if (attempt >= DELIVERY_ATTEMPTS || !isConnectionError(error)) throw error
    }
  }
}

const DELIVERY_ATTEMPTS = 3

/** fetch's "fetch failed" whose cause is the socket (ECONNRESET, EPIPE, ...), not an answer. */
function isConnectionError(error: unknown): boolean {
  const code = (error as { cause?: { code?: unknown } })?.cause?.code
  return typeof code === "string" && ["ECONNRESET", "EPIPE", "UND_ERR_SOCKET"].includes(code)
}

/** Stripe's own test signer: a header exactly as Stripe would send for this payload. */
export function signPayload(payload: string, secret: string, timestamp?: number): string {
  return Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp })
}

/** Runs `work` over the items with at most `limit` in flight; results keep the items' order. */
export async function mapWithConcurrency<T, R>(items: T[], limit: number, work: (item: T, index: number) => Promise<R>) {
  const results = new Array<R>(items.length)
  let next = 0
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++
      results[index] = await work(items[index], index)
    }
  })
  await Promise.all(runners)
  return results
}

/** A deterministic pseudo-random generator (mulberry32), so a failing shuffle can be replayed. */
export function seededRandom(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Fisher–Yates with the seeded generator. */
export function shuffled<T>(items: T[], random: () => number): T[] {
  const copy = [...items]
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[copy[i], copy[j]] = [copy[j], copy[i]]
  }
  return copy
}

/** Tables a payment touches: ours and Medusa's. A rejected request must leave every count as it was. */
export const WATCHED_TABLES = [
  "stripe_collect_activity",
  "stripe_collect_payment_link",
  "stripe_collect_connection",
  "payment_collection",
  "payment_session",
  "payment",
  "capture",
  "order_transaction",
  "notification",
] as const

/** Row counts of the watched tables, deleted rows included (a soft delete is a change too). */
export async function tableCounts(container: MedusaContainer): Promise<Record<string, number>> {
  const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const counts: Record<string, number> = {}
  for (const table of WATCHED_TABLES) {
    const [row] = await knex(table).count({ n: "*" })
    counts[table] = Number(row.n)
  }
  return counts
}

/** The watched rows' latest update time: catches an UPDATE that leaves counts alone. */
export async function latestUpdates(container: MedusaContainer): Promise<Record<string, string | null>> {
  const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const latest: Record<string, string | null> = {}
  for (const table of WATCHED_TABLES) {
    const [row] = await knex(table).max({ at: "updated_at" })
    latest[table] = row.at ? new Date(row.at as string).toISOString() : null
  }
  return latest
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
