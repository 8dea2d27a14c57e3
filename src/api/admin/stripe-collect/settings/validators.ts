import { z } from "@medusajs/framework/zod"
import { LINK_PAYMENT_METHODS } from "../../../../payment-links/how-customers-pay"
import { PAYMENT_METHOD_CONFIGURATION_ID } from "../../../../payment-links/link-payment-methods"
import { isValidTimeZone } from "../../../../payment-links/due-dates"
import { scheduleProblem } from "../../../../payment-links/reminder-plan"

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
    // Printed on invoices and receipts; empty or null: none. Left as it was when absent.
    store_address: z
      .string({ error: "store_address must be a string" })
      .max(500, { error: "store_address must be at most 500 characters" })
      // Lines only: no other control characters (they would print as boxes or break the PDF's layout).
      .refine((value) => !/[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f]/.test(value), {
        error: "store_address may hold text and line breaks only",
      })
      .transform((value) =>
        value
          .split(/\r?\n/)
          .map((line) => line.trim())
          .filter(Boolean)
      )
      .refine((lines) => lines.length <= 6, { error: "store_address must be at most 6 lines" })
      .transform((lines) => lines.join("\n") || null)
      .nullish(),
    // Empty or null: payment notifications go to error_email, the default.
    payment_notification_email: z
      .string({ error: "payment_notification_email must be a string" })
      .trim()
      .max(254, { error: "payment_notification_email must be at most 254 characters" })
      .pipe(z.email({ error: "payment_notification_email must be a valid email address" }).or(z.literal("")))
      .nullish()
      .transform((value) => (value === undefined ? undefined : value || null)),
    customer_receipts: z.boolean({ error: "customer_receipts must be true or false" }).optional(),
    invoice_prefix: z
      .string({ error: "invoice_prefix must be a string" })
      .trim()
      .min(1, { error: "invoice_prefix must not be empty" })
      .max(24, { error: "invoice_prefix must be at most 24 characters" })
      // Printed on invoices and filenames: letters, digits, - _ / . and the {YYYY} placeholder only.
      .regex(/^(?:[A-Za-z0-9\-_/.]|\{YYYY\})+$/, { error: "invoice_prefix may hold letters, digits, - _ / . and {YYYY}" })
      .optional(),
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

/** Settings → Stripe → Payment links: which methods a link's Checkout offers. */
export const SaveLinkPaymentMethodsBody = z
  .object({
    link_payment_methods: z.enum(LINK_PAYMENT_METHODS, { error: 'link_payment_methods must be "cards" or "all"' }),
    // Empty means none: the account's default configuration.
    payment_method_configuration: z
      .string({ error: "payment_method_configuration must be a string" })
      .trim()
      .regex(PAYMENT_METHOD_CONFIGURATION_ID, {
        error: "payment_method_configuration must be a Stripe payment method configuration id (pmc_...)",
      })
      .or(z.literal(""))
      .nullish()
      .transform((value) => value || null),
  })
  .strict()
  .refine((body) => body.link_payment_methods === "all" || body.payment_method_configuration === null, {
    error: 'payment_method_configuration applies only with link_payment_methods "all"',
    path: ["payment_method_configuration"],
  })
export type SaveLinkPaymentMethodsBody = z.infer<typeof SaveLinkPaymentMethodsBody>

/** Settings → Stripe → Due dates and reminders: the store's time zone and the reminder schedule. */
export const SaveReminderSettingsBody = z
  .object({
    time_zone: z
      .string({ error: "time_zone is required: an IANA time zone name such as Europe/Berlin or UTC" })
      .trim()
      .refine(isValidTimeZone, { error: "time_zone must be an IANA time zone name such as Europe/Berlin, America/New_York or UTC" }),
    reminder_schedule: z
      .array(
        z
          .object({
            days: z.number({ error: "each reminder step needs days: a whole number, negative before the due date" }).int(),
            enabled: z.boolean({ error: "each reminder step needs enabled: true or false" }),
          })
          .strict(),
        { error: "reminder_schedule must be a list of { days, enabled }" }
      )
      .superRefine((schedule, ctx) => {
        const problem = scheduleProblem(schedule)
        if (problem) ctx.addIssue({ code: "custom", message: problem })
      })
      .optional(),
  })
  .strict()
export type SaveReminderSettingsBody = z.infer<typeof SaveReminderSettingsBody>
