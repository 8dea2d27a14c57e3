import { z } from "@medusajs/framework/zod"

/** The Settings → Stripe form. */
export const SaveStripeSettingsBody = z
  .object({
    store_name: z
      .string({ error: "store_name is required" })
      .trim()
      .min(1, { error: "store_name must not be empty" })
      .max(200, { error: "store_name must be at most 200 characters" }),
    error_email: z
      .string({ error: "error_email is required" })
      .trim()
      // RFC 5321's limit; the email check alone let a 256-character address through.
      .max(254, { error: "error_email must be at most 254 characters" })
      .pipe(z.email({ error: "error_email must be a valid email address" })),
  })
  // Unknown fields are refused, not silently dropped (found by the reliability suite's bad-input test).
  .strict()
export type SaveStripeSettingsBody = z.infer<typeof SaveStripeSettingsBody>

/** Start Connect OAuth and Disconnect take no fields; unknown ones are refused. */
export const EmptyBody = z.object({}).strict()

/** What Stripe appends to the redirect URI. */
export const ConnectCallbackQuery = z.object({
  code: z.string().min(1).optional(),
  state: z.string().min(1).optional(),
  error: z.string().min(1).optional(),
  error_description: z.string().optional(),
  scope: z.string().optional(),
})
