// Customers: create, retrieve, update, delete, list, search.
import type Stripe from "stripe"
import { invalidRequest } from "../errors"
import { toJson } from "../expand"
import { newId, nowSeconds } from "../ids"
import { filterCreated, paginate } from "../list"
import { checkMetadataLimits, mergeMetadata, type Params } from "../params"
import { RawResponse, type StripeRoute } from "../route"
import type { Scope } from "../scope"
import { numericField, stringField, type SearchableResource } from "../search/query-fields"
import { searchResult } from "../search/search-result"
import { attachPaymentMethod, resolvePaymentMethod } from "./payment-methods"
import { addressFrom, checkEmail, findCustomer } from "./shared"

function shippingFrom(params: Params | undefined): Stripe.Customer.Shipping | null {
  if (!params) return null
  return {
    address: addressFrom(params.object("address")) ?? undefined,
    name: params.string("name") ?? "",
    phone: params.string("phone") ?? null,
  }
}

function setDefaultPaymentMethod(scope: Scope, customer: Stripe.Customer, id: string | null): void {
  if (id) {
    const pm = scope.data.paymentMethods.get(id)
    if (!pm || pm.customer !== customer.id) {
      throw invalidRequest(
        `The customer does not have a payment method with the ID ${id}. The payment method must be attached to the customer.`,
        {
          param: "invoice_settings[default_payment_method]",
        }
      )
    }
  }
  customer.invoice_settings.default_payment_method = id
}

export function createCustomer(scope: Scope, params: Params): Stripe.Customer {
  const email = params.nullableString("email") ?? null
  checkEmail(email, "email")
  const metadata = mergeMetadata({}, params.metadata())
  checkMetadataLimits(metadata)
  const customer: Stripe.Customer = {
    id: newId.customer(),
    object: "customer",
    address: addressFrom(params.object("address")),
    balance: params.integer("balance") ?? 0,
    created: nowSeconds(),
    currency: null,
    default_source: null,
    delinquent: false,
    description: params.nullableString("description") ?? null,
    discount: null,
    email,
    invoice_prefix: newId.customer().slice(4, 12).toUpperCase(),
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
    livemode: false,
    metadata,
    name: params.nullableString("name") ?? null,
    next_invoice_sequence: 1,
    phone: params.nullableString("phone") ?? null,
    preferred_locales: params.strings("preferred_locales"),
    shipping: shippingFrom(params.object("shipping")),
    tax_exempt: "none",
    test_clock: null,
  }
  scope.data.customers.add(customer)
  scope.emit("customer.created", customer)
  const paymentMethodId = params.string("payment_method")
  if (paymentMethodId) {
    const pm = attachPaymentMethod(scope, resolvePaymentMethod(scope, paymentMethodId), customer)
    const settings = params.object("invoice_settings")
    if (settings?.string("default_payment_method") === paymentMethodId) customer.invoice_settings.default_payment_method = pm.id
  }
  const defaultPm = params.object("invoice_settings")?.string("default_payment_method")
  if (defaultPm && defaultPm !== paymentMethodId) setDefaultPaymentMethod(scope, customer, defaultPm)
  return customer
}

function updateCustomer(scope: Scope, customer: Stripe.Customer, params: Params): Stripe.Customer {
  const previous = toJson(customer)
  const changed: Record<string, unknown> = {}
  const set = <K extends keyof Stripe.Customer>(key: K, value: Stripe.Customer[K]) => {
    changed[key] = previous[key]
    customer[key] = value
  }
  if (params.has("email")) {
    const email = params.nullableString("email") ?? null
    checkEmail(email, "email")
    set("email", email)
  }
  if (params.has("name")) set("name", params.nullableString("name") ?? null)
  if (params.has("description")) set("description", params.nullableString("description") ?? null)
  if (params.has("phone")) set("phone", params.nullableString("phone") ?? null)
  if (params.has("address")) set("address", addressFrom(params.object("address")))
  if (params.has("shipping")) set("shipping", shippingFrom(params.object("shipping")))
  if (params.has("balance")) set("balance", params.integer("balance") ?? 0)
  if (params.has("preferred_locales")) set("preferred_locales", params.strings("preferred_locales"))
  if (params.has("metadata")) {
    const metadata = mergeMetadata(customer.metadata, params.metadata())
    checkMetadataLimits(metadata)
    set("metadata", metadata)
  }
  const settings = params.object("invoice_settings")
  if (settings?.has("default_payment_method")) {
    changed.invoice_settings = previous.invoice_settings
    setDefaultPaymentMethod(scope, customer, settings.nullableString("default_payment_method") ?? null)
  }
  if (Object.keys(changed).length) scope.emit("customer.updated", customer, changed)
  return customer
}

/** Stripe's query fields for customers (https://docs.stripe.com/search#query-fields-for-customers). */
const searchableCustomers: SearchableResource<Stripe.Customer> = {
  name: "customers",
  fields: {
    created: numericField((c) => c.created),
    email: stringField((c) => c.email),
    name: stringField((c) => c.name),
    phone: stringField((c) => c.phone),
  },
  metadata: (c) => c.metadata,
}

export const customerRoutes: StripeRoute[] = [
  { method: "POST", template: "/v1/customers", handler: ({ scope, params }) => createCustomer(scope, params) },
  {
    method: "GET",
    template: "/v1/customers/search",
    handler: ({ scope, params, url }) => searchResult(scope.data.customers.newestFirst(), params, url, searchableCustomers),
  },
  {
    method: "GET",
    template: "/v1/customers/{customer}",
    handler: ({ scope, path }) => {
      if (scope.data.deletedCustomers.has(path.customer))
        return new RawResponse(200, { id: path.customer, object: "customer", deleted: true })
      return findCustomer(scope, path.customer, "id")
    },
  },
  {
    method: "POST",
    template: "/v1/customers/{customer}",
    handler: ({ scope, params, path }) => updateCustomer(scope, findCustomer(scope, path.customer, "id"), params),
  },
  {
    method: "DELETE",
    template: "/v1/customers/{customer}",
    handler: ({ scope, path }) => {
      const customer = findCustomer(scope, path.customer, "id")
      scope.data.customers.delete(customer.id)
      scope.data.deletedCustomers.add(customer.id)
      for (const pm of scope.data.paymentMethods.newestFirst()) if (pm.customer === customer.id) pm.customer = null
      scope.emit("customer.deleted", customer)
      return new RawResponse(200, { id: customer.id, object: "customer", deleted: true })
    },
  },
  {
    method: "GET",
    template: "/v1/customers",
    handler: ({ scope, params, url }) => {
      const email = params.string("email")
      const items = scope.data.customers.newestFirst().filter((c) => !email || c.email === email)
      return paginate(filterCreated(items, params), params, url, "customer")
    },
  },
]
