import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { listPaymentLinksAcrossOrders } from "../../../../payment-links/list-payment-links"
import { ListPaymentLinksQuery } from "./validators"

// The Payment links page: links across orders, filtered by how they stand (open, overdue, paid, ...), paginated.
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const parsed = ListPaymentLinksQuery.safeParse(req.query)
  if (!parsed.success) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, parsed.error.issues.map((issue) => issue.message).join("; "))
  }
  res.json(await listPaymentLinksAcrossOrders(req.scope, parsed.data))
}
