import { randomUUID } from "crypto"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import type { MedusaContainer, PaymentCustomerDTO } from "@medusajs/framework/types"
import type { StripeCollectContext } from "../providers/stripe-collect/trusted-context"
import type { AccountHolderRow } from "../orders/order-balance"
import { postalAddress } from "../orders/postal-address"

/** Our provider's account holder on this Stripe account (a customer of the platform does not exist on a connected one). */
export function holderOn<T extends AccountHolderRow>(
  holders: (T | null)[] | null | undefined,
  providerId: string,
  stripeAccount: string | undefined
): T | undefined {
  return (holders ?? []).find(
    (h): h is T => h?.provider_id === providerId && (h.data?.stripe_account ?? undefined) === (stripeAccount ?? undefined)
  )
}

/**
 * The Stripe customer of the order's customer (cards on file), when this provider made one on the
 * account being charged: a customer of the platform account does not exist on a connected one.
 */
export async function stripeCustomerOfOrder(
  container: MedusaContainer,
  orderId: string,
  providerId: string,
  stripeAccount?: string
): Promise<string | undefined> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order",
    fields: ["customer.account_holders.provider_id", "customer.account_holders.external_id", "customer.account_holders.data"],
    filters: { id: orderId },
  })
  const holders = (data[0]?.customer?.account_holders ?? []) as (AccountHolderRow | null)[]
  return holderOn(holders, providerId, stripeAccount)?.external_id
}

type AddressRow = {
  address_1?: string | null
  address_2?: string | null
  city?: string | null
  province?: string | null
  postal_code?: string | null
  country_code?: string | null
  phone?: string | null
  is_default_billing?: boolean | null
}

type OrderCustomerRow = {
  display_id: number
  billing_address: AddressRow | null
  customer: {
    id: string
    email: string | null
    first_name: string | null
    last_name: string | null
    phone: string | null
    company_name: string | null
    addresses: AddressRow[] | null
    account_holders: (AccountHolderRow | null)[] | null
  } | null
}

async function readOrderCustomer(container: MedusaContainer, orderId: string): Promise<OrderCustomerRow> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order",
    fields: [
      "display_id",
      "billing_address.*",
      "customer.id",
      "customer.email",
      "customer.first_name",
      "customer.last_name",
      "customer.phone",
      "customer.company_name",
      "customer.addresses.*",
      "customer.account_holders.id",
      "customer.account_holders.provider_id",
      "customer.account_holders.external_id",
      "customer.account_holders.data",
    ],
    filters: { id: orderId },
  })
  const row = data[0] as OrderCustomerRow | undefined
  if (!row) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order with id: ${orderId} was not found`)
  return row
}

// The customer as the provider's createAccountHolder reads it (like Medusa's payment session workflow passes it).
function paymentCustomer(row: OrderCustomerRow): PaymentCustomerDTO {
  const customer = row.customer!
  const addresses = customer.addresses ?? []
  const address = addresses.find((a) => a.is_default_billing) ?? addresses[0] ?? row.billing_address
  return {
    id: customer.id,
    email: customer.email ?? "",
    first_name: customer.first_name,
    last_name: customer.last_name,
    phone: customer.phone ?? address?.phone ?? null,
    company_name: customer.company_name,
    billing_address: postalAddress(address),
  } as PaymentCustomerDTO
}

/**
 * The Stripe customer a card is saved on for the order's customer: theirs when this provider already
 * made one on the account being charged, else a new one, recorded the way Medusa records a storefront's
 * (an account holder of the provider, linked to the customer), so the card is a card on file next time.
 * A guest order (no customer) cannot keep a card: that is a 400 with the reason.
 */
export async function ensureStripeCustomer(
  container: MedusaContainer,
  orderId: string,
  providerId: string,
  stripeAccount?: string
): Promise<string> {
  const first = await readOrderCustomer(container, orderId)
  const customerId = first.customer?.id
  if (!customerId) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `save_card: order #${first.display_id} has no customer (a guest order), so there is no one to keep the card for. Charge it without saving it.`
    )
  }
  const existing = holderOn(first.customer!.account_holders, providerId, stripeAccount)
  if (existing) return existing.external_id

  // One creation per customer at a time: two charges saving cards must not make two Stripe customers.
  return container.resolve(Modules.LOCKING).execute(
    `stripe-collect-stripe-customer:${customerId}`,
    async () => {
      const row = await readOrderCustomer(container, orderId)
      const again = holderOn(row.customer?.account_holders ?? null, providerId, stripeAccount)
      if (again) return again.external_id

      const payment = container.resolve(Modules.PAYMENT)
      const context: StripeCollectContext & { customer: PaymentCustomerDTO } = {
        customer: paymentCustomer(row),
        stripe_account: stripeAccount,
        // Per attempt, not per customer: a replay of an older attempt's answer could name a customer
        // whose record was never kept. The SDK's own retries of this call still share it.
        idempotency_key: `${customerId}:${randomUUID()}`,
      }
      const holder = await payment.createAccountHolder({ provider_id: providerId, context })
      try {
        await container.resolve(ContainerRegistrationKeys.LINK).create({
          [Modules.CUSTOMER]: { customer_id: customerId },
          [Modules.PAYMENT]: { account_holder_id: holder.id },
        })
      } catch (error) {
        // An unlinked holder would never be found again; remove it (and its Stripe customer) and report.
        await payment.deleteAccountHolder(holder.id).catch(() => undefined)
        throw error
      }
      return holder.external_id
    },
    { timeout: 30 }
  )
}
