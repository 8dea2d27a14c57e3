import type Stripe from "stripe"
import { Modules } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { createOrderWorkflow, createRegionsWorkflow } from "@medusajs/medusa/core-flows"

const regions = new Map<string, string>()

/** A region in the currency, created once per database snapshot (regions are looked up by currency). */
async function regionFor(container: MedusaContainer, currency: string) {
  const regionModule = container.resolve(Modules.REGION)
  const [existing] = await regionModule.listRegions({ currency_code: currency })
  if (existing) return existing.id
  const { result } = await createRegionsWorkflow(container).run({
    input: { regions: [{ name: `Region ${currency.toUpperCase()}`, currency_code: currency, countries: [] }] },
  })
  regions.set(currency, result[0].id)
  return result[0].id
}

/**
 * An unpaid order with one custom line, the way the dashboard's draft orders become orders: no
 * payment collection, everything outstanding. `amount` is in major units of `currency`.
 */
export async function createUnpaidOrder(
  container: MedusaContainer,
  {
    currency = "usd",
    amount = 100,
    email = "buyer@example.test",
    customer_id,
    items,
    billing_name = ["Bea", "Buyer"],
  }: {
    currency?: string
    amount?: number
    email?: string
    customer_id?: string
    /** Lines instead of the one custom line of `amount`. */
    items?: { title: string; quantity: number; unit_price: number }[]
    billing_name?: [string, string]
  } = {}
) {
  const regionId = await regionFor(container, currency)
  const { result } = await createOrderWorkflow(container).run({
    input: {
      region_id: regionId,
      currency_code: currency,
      email,
      customer_id,
      status: "pending",
      billing_address: {
        first_name: billing_name[0],
        last_name: billing_name[1],
        address_1: "1 Main Street",
        city: "Springfield",
        country_code: "us",
        postal_code: "12345",
        phone: "+1 555 0100",
      },
      items: items ?? [{ title: "Handmade table", quantity: 1, unit_price: amount }],
    },
  })
  return result
}

/**
 * A customer with a Stripe customer (their account holder for our provider) and a Visa on file,
 * as a storefront leaves them after "save my card".
 */
export async function createCustomerWithCardOnFile(container: MedusaContainer, stripe: Stripe, email = "regular@example.test") {
  const customerModule = container.resolve(Modules.CUSTOMER)
  const paymentModule = container.resolve(Modules.PAYMENT)
  const customer = await customerModule.createCustomers({ email, first_name: "Rita", last_name: "Regular", phone: "+1 555 0199" })
  const holder = await paymentModule.createAccountHolder({
    provider_id: "pp_stripe-collect_default",
    context: { customer: { id: customer.id, email, first_name: "Rita", last_name: "Regular" } },
  })
  await container.resolve("link").create({
    [Modules.CUSTOMER]: { customer_id: customer.id },
    [Modules.PAYMENT]: { account_holder_id: holder.id },
  })
  const card = await stripe.paymentMethods.attach("pm_card_visa", { customer: holder.external_id })
  return { customer, stripeCustomerId: holder.external_id, card }
}
