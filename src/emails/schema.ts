import { z } from "@medusajs/framework/zod"

// Template data arrives as untyped JSON through the notification module: each field is checked here once.

/** A major-unit amount, like every Medusa API: 40.5 means forty and a half, never cents. */
export const moneyAmount = z
  .union([
    z.number(),
    z
      .string()
      .trim()
      .regex(/^-?\d+(\.\d+)?$/, "Expected a number"),
  ])
  .pipe(z.coerce.number())

/** An ISO 8601 string or a Date (data is JSON once stored, a Date when passed straight through). */
export const moment = z.union([z.string().min(1), z.date()]).pipe(z.coerce.date())

export const currencyCode = z.string().regex(/^[a-zA-Z]{3}$/, "Expected an ISO 4217 currency code")

/** The number customers see on their order (Medusa's display_id). */
export const orderDisplayId = z.union([z.string().min(1), z.number().int()])

/** Only web links: a javascript: or data: URL must never become a button. */
export const webUrl = z.url({ protocol: /^https?$/, hostname: z.regexes.hostname })

/** A BCP 47 locale for numbers and dates; defaults to en-US. */
export const locale = z
  .string()
  .refine((tag) => {
    try {
      return Intl.getCanonicalLocales(tag).length === 1
    } catch {
      return false
    }
  }, "Expected a locale such as en-US")
  .optional()
