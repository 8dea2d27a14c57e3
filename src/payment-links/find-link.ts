import type { MedusaContainer } from "@medusajs/framework/types"
import { STRIPE_COLLECT_MODULE } from "../modules/stripe-collect"
import type StripeCollectModuleService from "../modules/stripe-collect/service"
import { hashLinkToken, isWellFormedToken } from "./token"

export type PaymentLinkRecord = Awaited<ReturnType<StripeCollectModuleService["retrievePaymentLink"]>>

/** The link a customer's token opens, or null. Every token is hashed before the lookup, valid or not. */
export async function findLinkByToken(container: MedusaContainer, token: string): Promise<PaymentLinkRecord | null> {
  const hash = hashLinkToken(token)
  if (!isWellFormedToken(token)) return null
  const service = container.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)
  const [link] = await service.listPaymentLinks({ token_hash: hash }, { take: 1 })
  return link ?? null
}

export type LinkState = "open" | "processing" | "paid" | "canceled" | "expired"

/** Whether the link can still take money, from its status and expiry. */
export function linkState(link: Pick<PaymentLinkRecord, "status" | "expires_at">, now = new Date()): LinkState {
  if (link.status === "paid") return "paid"
  // Paid by a bank debit that has not settled: no new Checkout until the bank answers.
  if (link.status === "processing") return "processing"
  if (link.status === "canceled") return "canceled"
  if (link.status === "expired" || new Date(link.expires_at).getTime() <= now.getTime()) return "expired"
  return "open"
}
