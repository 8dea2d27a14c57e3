import { z } from "@medusajs/framework/zod"
import { LINK_LIST_STATUSES } from "../../../../payment-links/list-payment-links"

/** GET /admin/stripe-collect/payment-links: a status filter and Medusa's limit/offset pagination. */
export const ListPaymentLinksQuery = z
  .object({
    status: z.enum(LINK_LIST_STATUSES, { error: `status must be one of ${LINK_LIST_STATUSES.join(", ")}` }).optional(),
    limit: z.coerce
      .number({ error: "limit must be a number" })
      .int("limit must be a whole number")
      .min(1, "limit must be at least 1")
      .max(100, "limit must be at most 100")
      .default(20),
    offset: z.coerce
      .number({ error: "offset must be a number" })
      .int("offset must be a whole number")
      .min(0, "offset must be 0 or more")
      .default(0),
  })
  .strict()
export type ListPaymentLinksQuery = z.infer<typeof ListPaymentLinksQuery>
