import { z } from "@medusajs/framework/zod"
import { PAYMENT_TERMS } from "../../../../payment-links/due-dates"

/** Payment terms and, with "date", the due day (YYYY-MM-DD in the store's time zone). */
const termsFields = {
  terms: z.enum(PAYMENT_TERMS, { error: `terms must be one of ${PAYMENT_TERMS.join(", ")}` }).optional(),
  due_date: z
    .string({ error: "due_date must be a date, YYYY-MM-DD" })
    .regex(/^\d{4}-\d{2}-\d{2}$/, "due_date must be a date, YYYY-MM-DD")
    .optional(),
}

export const PostOrderCharge = z
  .object({
    amount: z
      .number({ error: "amount must be a number in the order's currency, e.g. 30 or 19.99" })
      .finite("amount must be a finite number")
      .positive("amount must be more than 0"),
    payment_method: z
      .string({ error: "payment_method is required: a Stripe PaymentMethod id such as pm_card_visa" })
      .regex(/^(pm|card|src)_[A-Za-z0-9_]{1,200}$/, "payment_method must be a Stripe PaymentMethod id such as pm_..."),
    // The customer agreed to keep the card for later charges: it is saved on their Stripe customer.
    save_card: z.boolean({ error: "save_card must be true or false" }).optional(),
    // Staff typed a card the customer read out by phone or mail: a MOTO payment (needs the provider's moto option).
    mail_phone_order: z.boolean({ error: "mail_phone_order must be true or false" }).optional(),
  })
  .strict()

export type PostOrderChargeType = z.infer<typeof PostOrderCharge>

/** The optional Idempotency-Key header: what Stripe accepts, printable and at most 255 characters. */
export const IdempotencyKeyHeader = z
  .string()
  .min(1)
  .max(255, "Idempotency-Key must be at most 255 characters")
  .regex(/^[\x21-\x7e]+$/, "Idempotency-Key must be printable ASCII without spaces")

export const PostOrderPaymentLink = z
  .object({
    amount: z
      .number({ error: "amount must be a number in the order's currency, e.g. 40 or 19.99" })
      .finite("amount must be a finite number")
      .positive("amount must be more than 0")
      .optional(),
    email: z
      .string({ error: "email must be a string" })
      .trim()
      .max(254, "email must be at most 254 characters")
      .regex(/^[^\s@<>(),;:"\\]+@[^\s@<>(),;:"\\]+\.[^\s@<>(),;:"\\]{2,}$/, "email must be a valid email address")
      .optional(),
    message: z.string({ error: "message must be a string" }).max(1000, "message must be at most 1,000 characters").nullable().optional(),
    expires_at: z
      .string({ error: "expires_at must be an ISO 8601 date or date-time, e.g. 2026-12-31" })
      .refine((value) => /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) && !Number.isNaN(Date.parse(value)), {
        message: "expires_at must be an ISO 8601 date or date-time, e.g. 2026-12-31",
      })
      .optional(),
    ...termsFields,
  })
  .strict()

export type PostOrderPaymentLinkType = z.infer<typeof PostOrderPaymentLink>

/** Issue invoice: optional terms (due on receipt by default). */
export const PostOrderInvoice = z.object({ ...termsFields }).strict()
export type PostOrderInvoiceType = z.infer<typeof PostOrderInvoice>
export const PostOrderRefund = z
  .object({
    payment_id: z
      .string({ error: "payment_id is required: the id of the order's Stripe payment to refund (pay_...)" })
      .regex(/^pay_[A-Za-z0-9]{1,100}$/, "payment_id must be a Medusa payment id such as pay_..."),
    amount: z
      .number({ error: "amount must be a number in the order's currency, e.g. 30 or 19.99" })
      .finite("amount must be a finite number")
      .positive("amount must be more than 0"),
    refund_reason_id: z
      .string({ error: "refund_reason_id must be a refund reason id (refr_...)" })
      .regex(/^refr_[A-Za-z0-9]{1,100}$/, "refund_reason_id must be a refund reason id such as refr_...")
      .nullable()
      .optional(),
    note: z.string({ error: "note must be a string" }).max(1000, "note must be at most 1,000 characters").nullable().optional(),
  })
  .strict()

export type PostOrderRefundType = z.infer<typeof PostOrderRefund>
