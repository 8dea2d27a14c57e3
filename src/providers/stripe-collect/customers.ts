import { MedusaError } from "@medusajs/framework/utils"
import type {
  CreateAccountHolderOutput,
  DeleteAccountHolderInput,
  ListPaymentMethodsOutput,
  PaymentCustomerDTO,
  SavePaymentMethodOutput,
  UpdateAccountHolderOutput,
} from "@medusajs/framework/types"
import type Stripe from "stripe"
import type { StripeGateway } from "../../stripe/gateway"
import { digest, idempotencyKey } from "../../stripe/idempotency"
import { stripeCollectMetadata } from "./metadata"
import type { StripeCollectOptions } from "./options"
import { idOf } from "./session-data"
import { customerAccount, holderCustomerId, sessionAccount, type StripeCollectContext } from "./trusted-context"

/**
 * Medusa's account holders ⇄ Stripe customers, and the cards saved on them. The account holder's
 * `data` is what createAccountHolder answers: the customer's id and the account it lives on.
 */

/** The Stripe customer for a Medusa customer: the account holder's when it exists, else a new one. */
export async function createCustomer(
  gateway: StripeGateway,
  options: StripeCollectOptions,
  context: StripeCollectContext
): Promise<CreateAccountHolderOutput> {
  const existing = holderCustomerId(context)
  if (existing) return { id: existing, data: context.account_holder?.data }
  const customer = context.customer
  if (!customer) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "A Medusa customer is needed to create a Stripe customer")
  }
  const account = sessionAccount(context, options)
  const params: Stripe.CustomerCreateParams = {
    ...customerParams(customer),
    metadata: stripeCollectMetadata(undefined, { medusa_customer_id: customer.id }),
  }
  const { customers } = gateway.onAccount(account)
  const created = await customers.create(params, idempotencyKey("customer", context.idempotency_key ?? customer.id))
  return { id: created.id, data: holderData(created, account) }
}

export async function updateCustomer(
  gateway: StripeGateway,
  options: StripeCollectOptions,
  context: StripeCollectContext
): Promise<UpdateAccountHolderOutput> {
  const customerId = holderCustomerId(context)
  if (!customerId) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "The account holder has no Stripe customer id")
  }
  if (!context.customer) return {}
  const account = customerAccount(context, options)
  const params = customerParams(context.customer)
  const { customers } = gateway.onAccount(account)
  const updated = await customers.update(customerId, params, idempotencyKey("customer-update", customerId, digest(params)))
  return { data: holderData(updated, account) }
}

/** Deletes the account holder's Stripe customer; one already gone counts as deleted. */
export async function deleteCustomer(
  gateway: StripeGateway,
  options: StripeCollectOptions,
  context: DeleteAccountHolderInput["context"]
): Promise<void> {
  const data = context.account_holder?.data ?? {}
  const customerId = typeof data.id === "string" ? data.id : context.account_holder?.external_id
  if (!customerId) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "The account holder has no Stripe customer id")
  }
  const account = typeof data.stripe_account === "string" && data.stripe_account ? data.stripe_account : options.connect?.accountId
  const { customers } = gateway.onAccount(account)
  await customers.delete(customerId)
}

/** The account holder's saved payment methods (none without an account holder). */
export async function listSavedPaymentMethods(
  gateway: StripeGateway,
  options: StripeCollectOptions,
  context: StripeCollectContext
): Promise<ListPaymentMethodsOutput> {
  const customerId = holderCustomerId(context)
  if (!customerId) return []
  const { customers } = gateway.onAccount(customerAccount(context, options))
  const methods = await customers.listPaymentMethods(customerId)
  return methods.map((method) => ({ id: method.id, data: paymentMethodData(method) }))
}

/** Saves a card on the account holder's customer through a SetupIntent (confirmed when `paymentMethod` is given). */
export async function saveCard(
  gateway: StripeGateway,
  options: StripeCollectOptions,
  context: StripeCollectContext,
  paymentMethod: string | null
): Promise<SavePaymentMethodOutput> {
  const customerId = holderCustomerId(context)
  if (!customerId) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "A card can only be saved for a customer with an account holder")
  }
  const account = customerAccount(context, options)
  const params: Stripe.SetupIntentCreateParams = {
    customer: customerId,
    usage: "off_session",
    // Cards and wallets only: confirmed server-side, so no redirect (and no return_url) is possible.
    automatic_payment_methods: { enabled: true, allow_redirects: "never" },
    metadata: stripeCollectMetadata(undefined, { medusa_customer_id: context.customer?.id }),
    ...(paymentMethod ? { payment_method: paymentMethod, confirm: true } : {}),
  }
  const { setupIntents } = gateway.onAccount(account)
  const setupIntent = await setupIntents.create(params, idempotencyKey("setup", context.idempotency_key ?? digest(params)))
  return {
    id: setupIntent.id,
    data: {
      id: setupIntent.id,
      status: setupIntent.status,
      client_secret: setupIntent.client_secret,
      customer: idOf(setupIntent.customer),
      payment_method: idOf(setupIntent.payment_method),
      stripe_account: account ?? null,
    },
  }
}

/** Detaches a saved card; one already detached or gone counts as removed. */
export async function removeSavedCard(
  gateway: StripeGateway,
  options: StripeCollectOptions,
  context: StripeCollectContext,
  paymentMethodId: string
): Promise<void> {
  const { paymentMethods } = gateway.onAccount(customerAccount(context, options))
  await paymentMethods.detach(paymentMethodId, idempotencyKey("detach", paymentMethodId))
}

function customerParams(customer: PaymentCustomerDTO): Stripe.CustomerCreateParams & Stripe.CustomerUpdateParams {
  const name = customer.company_name || [customer.first_name, customer.last_name].filter(Boolean).join(" ").trim()
  const address = customer.billing_address
  return {
    email: customer.email,
    ...(name ? { name } : {}),
    ...(customer.phone ? { phone: customer.phone } : {}),
    ...(address
      ? {
          address: {
            line1: address.address_1 ?? undefined,
            line2: address.address_2 ?? undefined,
            city: address.city ?? undefined,
            state: address.province ?? undefined,
            postal_code: address.postal_code ?? undefined,
            country: address.country_code?.toUpperCase() ?? undefined,
          },
        }
      : {}),
  }
}

function holderData(customer: Stripe.Customer, account: string | undefined): Record<string, unknown> {
  return { id: customer.id, email: customer.email, name: customer.name, stripe_account: account ?? null }
}

function paymentMethodData(method: Stripe.PaymentMethod): Record<string, unknown> {
  return {
    id: method.id,
    type: method.type,
    card: method.card
      ? {
          brand: method.card.brand,
          last4: method.card.last4,
          exp_month: method.card.exp_month,
          exp_year: method.card.exp_year,
          funding: method.card.funding,
          country: method.card.country,
        }
      : null,
    billing_details: { name: method.billing_details?.name ?? null, email: method.billing_details?.email ?? null },
    customer: idOf(method.customer),
  }
}
