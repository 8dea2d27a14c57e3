import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { STRIPE_COLLECT_MODULE } from "../../../modules/stripe-collect"
import type StripeCollectModuleService from "../../../modules/stripe-collect/service"
import { invoiceSeriesFor } from "../../../invoices/invoice-series"

export type CreateLinkRecordInput = {
  order_id: string
  token_hash: string
  token_nonce: string
  amount: number
  currency_code: string
  email: string
  message: string | null
  expires_at: Date
  terms: string
  /** YYYY-MM-DD in the store's time zone. */
  due_date: string
  /** The order's total, for the invoice the order's first link issues. */
  order_total: number
}

export const createLinkRecordStep = createStep(
  "stripe-collect-create-link-record",
  async (input: CreateLinkRecordInput, { container }) => {
    const service = container.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)
    const { order_total, ...fields } = input
    const series = await invoiceSeriesFor(container)
    // An invoice issued here is never taken back: it stays the order's, numbered, if a later step fails.
    const { link } = await service.createLinkWithInvoice(
      { ...fields, status: "sent" },
      {
        order_id: input.order_id,
        order_total,
        currency_code: input.currency_code,
        terms: input.terms,
        due_date: input.due_date,
        ...series,
      }
    )
    return new StepResponse(link, link.id)
  },
  async (id, { container }) => {
    if (!id) return
    await container.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE).deletePaymentLinks(id)
  }
)

export const attachLinkCollectionStep = createStep(
  "stripe-collect-attach-link-collection",
  async (input: { link_id: string; payment_collection_id: string }, { container }) => {
    const service = container.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)
    const link = await service.updatePaymentLinks({
      id: input.link_id,
      payment_collection_id: input.payment_collection_id,
    })
    return new StepResponse(link)
  }
)
