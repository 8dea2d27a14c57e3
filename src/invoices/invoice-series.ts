import { Modules } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { DEFAULT_INVOICE_PREFIX, expandInvoicePrefix } from "../modules/stripe-collect/invoice-number"
import { findStripeConnection } from "../stripe-account/stripe-connection"

/** The series an invoice issued now is numbered in: the Medusa store and the merchant's prefix for this year. */
export async function invoiceSeriesFor(container: MedusaContainer, at: Date = new Date()): Promise<{ store_id: string; prefix: string }> {
  const [store] = await container.resolve(Modules.STORE).listStores({}, { take: 1, select: ["id"] })
  const connection = await findStripeConnection(container)
  return {
    store_id: store?.id ?? "default",
    prefix: expandInvoicePrefix(connection?.invoice_prefix || DEFAULT_INVOICE_PREFIX, at.getUTCFullYear()),
  }
}
