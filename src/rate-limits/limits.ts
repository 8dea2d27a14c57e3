import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import Redis from "ioredis"
import { memoryCounter, redisCounter, type HitCounter } from "./counter"

/** A limit on a public action: at most `max` per `windowSeconds` for one key. */
export type RateLimit = { name: string; max: number; windowSeconds: number }

/** Pay presses: each opens a Stripe Checkout (2–3 Stripe calls and the order's lock). */
export const PAY_PRESSES_PER_LINK: RateLimit = { name: "pay-link", max: 10, windowSeconds: 60 }
/** Pay presses from one client address, over all links (a NAT of several customers stays well under it). */
export const PAY_PRESSES_PER_ADDRESS: RateLimit = { name: "pay-address", max: 30, windowSeconds: 60 }
/** Invoice PDF downloads of one link: each renders the PDF (tens of milliseconds of CPU). */
export const INVOICE_DOWNLOADS_PER_LINK: RateLimit = { name: "invoice-link", max: 20, windowSeconds: 60 }
/** Invoice PDF downloads from one client address, over all links. */
export const INVOICE_DOWNLOADS_PER_ADDRESS: RateLimit = { name: "invoice-address", max: 60, windowSeconds: 60 }
/** "Send reminder" of one link, like Resend: each one is an email to the customer. */
export const REMINDERS_PER_LINK: RateLimit = { name: "remind-link", max: 5, windowSeconds: 60 * 60 }
/** "Resend" of one link: each one is an email to the customer. */
export const RESENDS_PER_LINK: RateLimit = { name: "resend-link", max: 5, windowSeconds: 60 * 60 }

export type LimitVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number; limit: RateLimit }

let shared: { redisUrl: string | undefined; counter: HitCounter } | undefined

/** The counter every process shares: Redis when the app has `redisUrl`, else this process's memory. */
function counterOf(container: MedusaContainer): HitCounter {
  const config = container.resolve(ContainerRegistrationKeys.CONFIG_MODULE)
  const redisUrl = config.projectConfig.redisUrl || undefined
  if (shared && shared.redisUrl === redisUrl) return shared.counter
  const counter = redisUrl
    ? redisCounter(
        new Redis(redisUrl, { ...(config.projectConfig.redisOptions ?? {}), lazyConnect: false, maxRetriesPerRequest: 2 }),
        `${config.projectConfig.redisPrefix ?? ""}stripe-collect:rate:`
      )
    : memoryCounter()
  shared = { redisUrl, counter }
  return counter
}

/**
 * Counts one use of each limit (a key each) and answers whether all are still within bounds. When the
 * counter cannot be reached the action is allowed and the failure logged: a limit must not take the
 * pay page down with Redis.
 */
export async function checkRateLimits(container: MedusaContainer, checks: { limit: RateLimit; key: string }[]): Promise<LimitVerdict> {
  const counter = counterOf(container)
  let verdict: LimitVerdict = { allowed: true }
  for (const { limit, key } of checks) {
    try {
      const { count, resetsInSeconds } = await counter.hit(`${limit.name}:${key}`, limit.windowSeconds)
      if (count > limit.max && verdict.allowed) verdict = { allowed: false, retryAfterSeconds: resetsInSeconds, limit }
    } catch (error) {
      container
        .resolve(ContainerRegistrationKeys.LOGGER)
        .warn(`stripe-collect: rate limit ${limit.name} not counted: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
  return verdict
}
