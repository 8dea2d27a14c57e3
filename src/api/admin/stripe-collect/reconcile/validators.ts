import { z } from "@medusajs/framework/zod"

/** "Check Stripe now": attempts of how many past hours to ask Stripe about (default 48). */
export const ReconcileChargesBody = z
  .object({
    hours: z
      .number({ error: "hours must be a whole number of hours from 1 to 720" })
      .int({ error: "hours must be a whole number of hours from 1 to 720" })
      .min(1, { error: "hours must be at least 1" })
      .max(720, { error: "hours must be at most 720 (30 days)" })
      .optional(),
  })
  .strict()
export type ReconcileChargesBody = z.infer<typeof ReconcileChargesBody>
