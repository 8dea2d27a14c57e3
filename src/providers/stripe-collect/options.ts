import { MedusaError } from "@medusajs/framework/utils"
import { z } from "@medusajs/framework/zod"
import { MAX_STRIPE_CALL_UNDER_LOCK_MS } from "../../orders/order-lock"
import { DEFAULT_RETRY_POLICY } from "../../stripe/retry"

const STRIPE_JS_URL = "https://js.stripe.com/v3/"

/** `sk_live_`/`rk_live_`: real money. */
export const isLiveKey = (apiKey: string) => /^(sk|rk)_live_/.test(apiKey)

/** The longest one gateway call may take: every network try timing out, and the longest backoff between tries. */
export function slowestStripeCallMs(o: { timeout: number; maxNetworkRetries: number }): number {
  const waits = o.maxNetworkRetries + DEFAULT_RETRY_POLICY.maxRateLimitRetries
  return o.timeout * (o.maxNetworkRetries + 1) + waits * DEFAULT_RETRY_POLICY.maxDelayMs
}

/**
 * The options of the stripe-collect payment provider, as written in medusa-config under the payment
 * module's providers. Validated at boot so a typo fails the start, not the first customer's payment.
 */
export const stripeCollectOptionsSchema = z
  .object({
    /** Secret (`sk_...`) or restricted (`rk_...`) key; never a publishable key. */
    apiKey: z
      .string({ error: "is required (your Stripe secret key, sk_... or rk_...)" })
      .trim()
      .regex(/^(sk|rk)_[A-Za-z0-9_]+$/, {
        error: 'must be a Stripe secret or restricted key, starting with "sk_" or "rk_"',
      }),
    /** Signing secret of the webhook endpoint `/hooks/payment/stripe-collect_<id>`. */
    webhookSecret: z
      .string({ error: "is required (the signing secret of your Stripe webhook endpoint, whsec_...)" })
      .trim()
      .startsWith("whsec_", { error: 'must be a webhook signing secret, starting with "whsec_"' }),
    /** true: charge at once; false: authorize only, the admin captures later. */
    capture: z.boolean({ error: "must be true or false" }).default(true),
    /** Added to the account's statement descriptor on the customer's card statement. */
    statementDescriptorSuffix: z
      .string()
      .trim()
      .min(1, { error: "must not be empty" })
      .max(22, { error: "must be at most 22 characters" })
      .regex(/^[^<>\\'"*]*$/, { error: "must not contain < > \\ ' \" or *" })
      .regex(/[A-Za-z]/, { error: "must contain at least one letter" })
      .optional(),
    /** Stripe Connect: a platform client id for OAuth, and/or a fixed connected account to act on. */
    connect: z
      .object({
        clientId: z.string().trim().startsWith("ca_", { error: 'must start with "ca_"' }).optional(),
        accountId: z.string().trim().startsWith("acct_", { error: 'must start with "acct_"' }).optional(),
      })
      .strict()
      .optional(),
    /** Where the Stripe API lives; only for tests and demos (the local sandbox). */
    apiBase: z
      .object({
        host: z.string().trim().min(1, { error: "must not be empty" }),
        port: z.coerce.number().int().min(1).max(65535).optional(),
        protocol: z.enum(["http", "https"]).default("https"),
      })
      .strict()
      .optional(),
    /**
     * Extra tries the gateway (src/stripe/retry.ts) makes after a 5xx, a timeout or a lost connection, with
     * backoff and the same idempotency key (the SDK's own retries are off). 0: one try. 429s have their own small budget.
     */
    maxNetworkRetries: z.number().int().min(0).max(10).default(2),
    /** Milliseconds before a Stripe request is abandoned (its outcome is then unknown, never "failed"). */
    timeout: z.number().int().min(1000).max(120_000).default(40_000),
    /**
     * Ask Stripe for multicapture on manually captured card payments (a Stripe IC+ feature), so an
     * authorization can be captured in several parts. Without it a partial capture releases the rest.
     */
    multicapture: z.boolean().default(false),
    /** Mark admin-entered card payments as mail/telephone orders (Stripe must enable MOTO on the account). */
    moto: z.boolean().default(false),
    /** Let Stripe email its receipt to the customer's email address. */
    receipts: z.boolean().default(false),
    /**
     * Publishable key (`pk_live_...`/`pk_test_...`) for Stripe.js in the dashboard: with it, "Charge card"
     * offers a new card typed into Stripe's own card field. Not a secret; without it that choice is hidden.
     */
    publishableKey: z
      .string({ error: "must be a string (your Stripe publishable key, pk_live_... or pk_test_...)" })
      .trim()
      .regex(/^pk_(live|test)_[A-Za-z0-9_]+$/, {
        error: 'must be a Stripe publishable key, starting with "pk_live_" or "pk_test_"',
      })
      .optional(),
    /** Where the dashboard loads Stripe.js from; only changed for tests and demos (the local sandbox). */
    stripeJsUrl: z
      .string({ error: "must be a URL" })
      .trim()
      .url({ error: "must be an http(s) URL, e.g. https://js.stripe.com/v3/" })
      .regex(/^https?:\/\//, { error: "must be an http(s) URL, e.g. https://js.stripe.com/v3/" })
      .default(STRIPE_JS_URL),
  })
  // Real money goes only to Stripe itself: a live key refuses a stand-in API or Stripe.js (and any http: URL).
  .refine((o) => !isLiveKey(o.apiKey) || o.apiBase === undefined, {
    error: "must not be set with a live API key: live payments go to api.stripe.com only (apiBase is for tests and the local sandbox)",
    path: ["apiBase"],
  })
  .refine((o) => !isLiveKey(o.apiKey) || o.stripeJsUrl === STRIPE_JS_URL, {
    error: `must be ${STRIPE_JS_URL} with a live API key (card numbers must be typed into Stripe's own Stripe.js)`,
    path: ["stripeJsUrl"],
  })
  // The order's lock (src/orders/order-lock.ts) must outlive the slowest Stripe call the gateway may make.
  .refine((o) => slowestStripeCallMs(o) <= MAX_STRIPE_CALL_UNDER_LOCK_MS, {
    error: `with maxNetworkRetries, allows a Stripe call longer than the order lock can wait for: timeout × (maxNetworkRetries + 1) plus backoff must stay within ${MAX_STRIPE_CALL_UNDER_LOCK_MS / 1000} s`,
    path: ["timeout"],
  })
  // A live publishable key makes live PaymentMethods, which a test secret key cannot charge (and the reverse).
  .refine((o) => !o.publishableKey || /^(sk|rk)_live_/.test(o.apiKey) === o.publishableKey.startsWith("pk_live_"), {
    error: "must be from the same mode as apiKey (both live or both test)",
    path: ["publishableKey"],
  })

/** Options after validation, with defaults filled in. */
export type StripeCollectOptions = z.output<typeof stripeCollectOptionsSchema>

/** Options as written in medusa-config. */
export type StripeCollectOptionsInput = z.input<typeof stripeCollectOptionsSchema>

/** Validates and fills defaults; throws one error listing every bad option, never echoing secrets. */
export function parseStripeCollectOptions(options: unknown): StripeCollectOptions {
  const result = stripeCollectOptionsSchema.safeParse(withoutUndefined(options))
  if (result.success) return result.data
  const problems = result.error.issues.map((issue) => {
    const path = issue.path.length ? issue.path.join(".") : "options"
    return `  - ${path}: ${issue.message}`
  })
  throw new MedusaError(
    MedusaError.Types.INVALID_ARGUMENT,
    `The stripe-collect payment provider's options are invalid:\n${problems.join("\n")}`
  )
}

// medusa-config often passes `key: process.env.X` (undefined) or null; treat those keys as absent.
function withoutUndefined(value: unknown): unknown {
  if (value === undefined || value === null) return {}
  return dropEmpty(value)
}

function dropEmpty(value: unknown): unknown {
  if (!value || typeof value !== "object" || Array.isArray(value)) return value
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([k, v]) => [k, dropEmpty(v)])
  )
}
