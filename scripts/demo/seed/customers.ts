// The store's customers; one has a card on file in Stripe, saved the way a storefront saves it.
import { createCustomersWorkflow } from "@medusajs/medusa/core-flows"
import { createPaymentAccountHolderStep, createRemoteLinkStep } from "@medusajs/medusa/core-flows"
import type { AccountHolderDTO, MedusaContainer, PaymentCustomerDTO } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { DEMO_CUSTOMERS, STRIPE_COLLECT_PROVIDER_ID, type DemoCustomer } from "./demo-data"

/** Stripe's test card that always succeeds; Stripe (and the sandbox) copy it onto the customer. */
const TEST_CARD = "pm_card_visa"

export type SeededCustomer = {
  id: string
  email: string
  name: string
  stripe_customer_id: string | null
  cards_on_file: string[]
}

// As Medusa's checkout does for a registered customer: a Stripe customer (account holder) linked to the customer.
const createStripeCustomerWorkflow = createWorkflow(
  "stripe-collect-demo-create-stripe-customer",
  (input: { customer: PaymentCustomerDTO }) => {
    const holder = createPaymentAccountHolderStep({
      provider_id: STRIPE_COLLECT_PROVIDER_ID,
      context: { customer: input.customer },
    })
    const links = transform({ holder, input }, ({ holder, input }) => [
      {
        [Modules.CUSTOMER]: { customer_id: input.customer.id },
        [Modules.PAYMENT]: { account_holder_id: holder.id },
      },
    ])
    createRemoteLinkStep(links)
    return new WorkflowResponse(holder)
  }
)

async function customer(container: MedusaContainer, demo: DemoCustomer) {
  const customers = container.resolve(Modules.CUSTOMER)
  const [existing] = await customers.listCustomers({ email: demo.email })
  if (existing) return existing.id
  const { result } = await createCustomersWorkflow(container).run({
    input: {
      customersData: [
        {
          email: demo.email,
          first_name: demo.first_name,
          last_name: demo.last_name,
          phone: demo.phone,
          addresses: [
            {
              first_name: demo.first_name,
              last_name: demo.last_name,
              phone: demo.phone,
              ...demo.address,
              is_default_billing: true,
              is_default_shipping: true,
            },
          ],
        },
      ],
    },
  })
  return result[0].id
}

// A Stripe customer that no longer exists (the sandbox keeps its state in memory) is recreated.
const isMissingInStripe = (error: unknown) =>
  /no such customer|resource_missing|not[ _]found/i.test(error instanceof Error ? error.message : String(error))

async function linkedAccountHolder(container: MedusaContainer, customerId: string) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "customer",
    fields: ["id", "email", "first_name", "last_name", "phone", "company_name", "addresses.*", "account_holders.*"],
    filters: { id: customerId },
  })
  const found = data[0]
  const holders = (found.account_holders ?? []) as AccountHolderDTO[]
  const paymentCustomer: PaymentCustomerDTO = {
    id: found.id,
    email: found.email,
    first_name: found.first_name,
    last_name: found.last_name,
    phone: found.phone,
    company_name: found.company_name,
    billing_address:
      (found.addresses ?? []).find((a: { is_default_billing?: boolean } | null) => a?.is_default_billing) ?? found.addresses?.[0] ?? null,
  } as PaymentCustomerDTO
  return { paymentCustomer, holder: holders.find((h) => h?.provider_id === STRIPE_COLLECT_PROVIDER_ID) }
}

async function forget(container: MedusaContainer, customerId: string, holder: AccountHolderDTO) {
  await container.resolve(ContainerRegistrationKeys.LINK).dismiss({
    [Modules.CUSTOMER]: { customer_id: customerId },
    [Modules.PAYMENT]: { account_holder_id: holder.id },
  })
  await container.resolve(Modules.PAYMENT).deleteAccountHolder(holder.id)
}

async function cardOnFile(container: MedusaContainer, customerId: string) {
  const payment = container.resolve(Modules.PAYMENT)
  let { paymentCustomer, holder } = await linkedAccountHolder(container, customerId)
  if (holder) {
    try {
      const cards = await payment.listPaymentMethods({ provider_id: STRIPE_COLLECT_PROVIDER_ID, context: { account_holder: holder } })
      if (cards.length) return { stripe_customer_id: holder.external_id, cards_on_file: cards.map((c) => c.id) }
    } catch (error) {
      if (!isMissingInStripe(error)) throw error
      await forget(container, customerId, holder)
      holder = undefined
    }
  }
  if (!holder) {
    const { result } = await createStripeCustomerWorkflow(container).run({ input: { customer: paymentCustomer } })
    holder = result
  }
  await payment.createPaymentMethods({
    provider_id: STRIPE_COLLECT_PROVIDER_ID,
    data: { payment_method: TEST_CARD },
    context: { account_holder: holder, customer: paymentCustomer, idempotency_key: `demo-card-${holder.id}` },
  })
  const cards = await payment.listPaymentMethods({ provider_id: STRIPE_COLLECT_PROVIDER_ID, context: { account_holder: holder } })
  return { stripe_customer_id: holder.external_id, cards_on_file: cards.map((c) => c.id) }
}

export async function seedCustomers(container: MedusaContainer): Promise<SeededCustomer[]> {
  const seeded: SeededCustomer[] = []
  for (const demo of DEMO_CUSTOMERS) {
    const id = await customer(container, demo)
    const card = demo.card_on_file ? await cardOnFile(container, id) : { stripe_customer_id: null, cards_on_file: [] }
    seeded.push({ id, email: demo.email, name: `${demo.first_name} ${demo.last_name}`, ...card })
  }
  return seeded
}
