// Lookups and small builders several resources share.
import type Stripe from "stripe"
import { invalidRequest, resourceMissing } from "../errors"
import type { Params } from "../params"
import type { Scope } from "../scope"

export const emptyAddress = (): Stripe.Address => ({ city: null, country: null, line1: null, line2: null, postal_code: null, state: null })

export function addressFrom(params: Params | undefined): Stripe.Address | null {
  if (!params) return null
  return {
    city: params.nullableString("city") ?? null,
    country: params.nullableString("country") ?? null,
    line1: params.nullableString("line1") ?? null,
    line2: params.nullableString("line2") ?? null,
    postal_code: params.nullableString("postal_code") ?? null,
    state: params.nullableString("state") ?? null,
  }
}

export function findCustomer(scope: Scope, id: string, param = "customer"): Stripe.Customer {
  const customer = scope.data.customers.get(id)
  if (!customer) {
    if (scope.data.deletedCustomers.has(id))
      throw invalidRequest(`No such customer: '${id}'; the customer was deleted.`, { code: "resource_missing", param }, 404)
    throw resourceMissing("customer", id, param)
  }
  return customer
}

export function findPaymentIntent(scope: Scope, id: string, param?: string): Stripe.PaymentIntent {
  const intent = scope.data.paymentIntents.get(id)
  if (!intent) throw resourceMissing("payment_intent", id, param)
  return intent
}

export function findCharge(scope: Scope, id: string, param?: string): Stripe.Charge {
  const charge = scope.data.charges.get(id)
  if (!charge) throw resourceMissing("charge", id, param)
  return charge
}

/** Validates an email address the way Stripe's API does (loosely: something@something). */
export function checkEmail(email: string | null | undefined, param: string): void {
  if (email && !/^[^\s@]+@[^\s@]+$/.test(email)) throw invalidRequest(`Invalid email address: ${email}`, { param, code: "email_invalid" })
}

export const idOf = (value: string | { id: string } | null): string | null =>
  value === null || typeof value === "string" ? value : value.id
