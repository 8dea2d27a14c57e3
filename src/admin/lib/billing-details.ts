import type { BillingDetails } from "./load-stripe-js"
import type { OrderCustomer } from "./stripe-collect-order"

const present = (value: string | null | undefined) => (value ? value : undefined)

/** The order's customer as Stripe's billing details of a new card (the bank's address checks use them). */
export function billingDetailsOf(customer: OrderCustomer): BillingDetails {
  const address = customer.billing_address
  return {
    name: present(customer.name),
    email: present(customer.email),
    phone: present(customer.phone),
    address: address
      ? {
          line1: present(address.address_1),
          line2: present(address.address_2),
          city: present(address.city),
          state: present(address.province),
          postal_code: present(address.postal_code),
          country: present(address.country_code?.toUpperCase()),
        }
      : undefined,
  }
}
