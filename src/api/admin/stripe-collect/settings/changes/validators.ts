import { z } from "@medusajs/framework/zod"

/** A page of Settings → Stripe's Recent changes: `limit` (1–100, default 20) and `offset`. */
export const SettingsChangesQuery = z
  .object({
    limit: z.coerce
      .number({ error: "limit must be a number" })
      .int({ error: "limit must be a whole number" })
      .min(1, { error: "limit must be at least 1" })
      .max(100, { error: "limit must be at most 100" })
      .default(20),
    offset: z.coerce
      .number({ error: "offset must be a number" })
      .int({ error: "offset must be a whole number" })
      .min(0, { error: "offset must be 0 or more" })
      .default(0),
  })
  .strict()
export type SettingsChangesQuery = z.infer<typeof SettingsChangesQuery>
