import {
  createApiKeysWorkflow,
  createLocationFulfillmentSetWorkflow,
  createOrderWorkflow,
  createPaymentSessionsWorkflow,
  createProductsWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  createShippingOptionsWorkflow,
  createShippingProfilesWorkflow,
  createStockLocationsWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
} from "@medusajs/core-flows"
import type { HttpTypes, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { AxiosInstance } from "axios"

/**
 * Seeds a store the way a merchant sets one up (sales channel, publishable key, region, stock
 * location with shipping, products) and places orders the way a store does. Shared by every HTTP
 * spec that needs orders: storefront checkout, admin charges and payment links.
 */

export const STRIPE_COLLECT_PROVIDER_ID = "pp_stripe-collect_default"

/** The axios client `medusaIntegrationTestRunner` hands out as `api`. */
export type HttpClient = Pick<AxiosInstance, "get" | "post">

export type StoreRegion = {
  id: string
  currency_code: string
  country_code: string
  shipping_option_id: string
  /** Variant ids with their price in this region's currency (major units). */
  variants: Array<{ id: string; title: string; price: number }>
}

export type SeededStore = {
  sales_channel_id: string
  publishable_key: string
  stock_location_id: string
  shipping_profile_id: string
  regions: Record<string, StoreRegion>
  /** Headers for the store API: the publishable key. */
  storeHeaders: { "x-publishable-api-key": string }
}

export type RegionSeed = {
  /** Three-letter code, lower case: "usd", "jpy", ... */
  currency: string
  /** ISO 3166 alpha-2 country (lower case); one per region. */
  country: string
  /** Variant prices in major units; one product variant per price. */
  prices: number[]
  /** Flat shipping price in major units (0 keeps totals equal to the item prices). */
  shipping?: number
  payment_providers?: string[]
}

const DEFAULT_REGIONS: RegionSeed[] = [
  { currency: "usd", country: "us", prices: [19.99, 100] },
  { currency: "jpy", country: "jp", prices: [5000] },
]

/**
 * Creates a sales channel with a publishable key, one region per currency (each with its own
 * country, stock location service zone and flat shipping option) and products priced in each.
 * Every region enables the stripe-collect provider.
 */
export async function createRegionWithProducts(container: MedusaContainer, seeds: RegionSeed[] = DEFAULT_REGIONS): Promise<SeededStore> {
  const { result: salesChannels } = await createSalesChannelsWorkflow(container).run({
    input: { salesChannelsData: [{ name: "Web store" }] },
  })
  const salesChannel = salesChannels[0]

  const { result: apiKeys } = await createApiKeysWorkflow(container).run({
    input: { api_keys: [{ title: "Storefront", type: "publishable", created_by: "" }] },
  })
  const apiKey = apiKeys[0]
  await linkSalesChannelsToApiKeyWorkflow(container).run({ input: { id: apiKey.id, add: [salesChannel.id] } })

  const { result: regions } = await createRegionsWorkflow(container).run({
    input: {
      regions: seeds.map((seed) => ({
        name: `${seed.currency.toUpperCase()} region`,
        currency_code: seed.currency,
        countries: [seed.country],
        payment_providers: seed.payment_providers ?? [STRIPE_COLLECT_PROVIDER_ID],
        automatic_taxes: false,
      })),
    },
  })

  const { result: locations } = await createStockLocationsWorkflow(container).run({
    input: { locations: [{ name: "Warehouse" }] },
  })
  const location = locations[0]
  await linkSalesChannelsToStockLocationWorkflow(container).run({
    input: { id: location.id, add: [salesChannel.id] },
  })
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
    [Modules.FULFILLMENT]: { fulfillment_provider_id: "manual_manual" },
  })

  await createLocationFulfillmentSetWorkflow(container).run({
    input: { location_id: location.id, fulfillment_set_data: { name: "Shipping", type: "shipping" } },
  })
  const fulfillment = container.resolve(Modules.FULFILLMENT)
  const [fulfillmentSet] = await fulfillment.listFulfillmentSets({ name: "Shipping" }, { relations: ["service_zones"] })
  const serviceZone = await fulfillment.createServiceZones({
    name: "Everywhere we sell",
    fulfillment_set_id: fulfillmentSet.id,
    geo_zones: seeds.map((seed) => ({ type: "country" as const, country_code: seed.country })),
  })

  const { result: profiles } = await createShippingProfilesWorkflow(container).run({
    input: { data: [{ name: "Default", type: "default" }] },
  })
  const profile = profiles[0]

  const seeded: SeededStore = {
    sales_channel_id: salesChannel.id,
    publishable_key: apiKey.token,
    stock_location_id: location.id,
    shipping_profile_id: profile.id,
    regions: {},
    storeHeaders: { "x-publishable-api-key": apiKey.token },
  }

  for (const [index, seed] of seeds.entries()) {
    const region = regions[index]
    const { result: options } = await createShippingOptionsWorkflow(container).run({
      input: [
        {
          name: `Standard ${seed.currency.toUpperCase()}`,
          service_zone_id: serviceZone.id,
          shipping_profile_id: profile.id,
          provider_id: "manual_manual",
          price_type: "flat",
          type: { label: "Standard", description: "Standard shipping", code: `standard-${seed.currency}` },
          prices: [
            { currency_code: seed.currency, amount: seed.shipping ?? 0 },
            { region_id: region.id, amount: seed.shipping ?? 0 },
          ],
          rules: [],
        },
      ],
    })

    const { result: products } = await createProductsWorkflow(container).run({
      input: {
        products: [
          {
            title: `Poster (${seed.currency.toUpperCase()})`,
            status: "published",
            shipping_profile_id: profile.id,
            options: [{ title: "Price", values: seed.prices.map(String) }],
            variants: seed.prices.map((price) => ({
              title: `Poster ${price} ${seed.currency.toUpperCase()}`,
              options: { Price: String(price) },
              manage_inventory: false,
              prices: [{ currency_code: seed.currency, amount: price }],
            })),
            sales_channels: [{ id: salesChannel.id }],
          },
        ],
      },
    })

    seeded.regions[seed.currency] = {
      id: region.id,
      currency_code: seed.currency,
      country_code: seed.country,
      shipping_option_id: options[0].id,
      variants: seed.prices.map((price) => {
        const title = `Poster ${price} ${seed.currency.toUpperCase()}`
        const variant = (products[0].variants ?? []).find((v) => v.title === title)
        if (!variant) throw new Error(`Variant "${title}" was not created`)
        return { id: variant.id, title, price }
      }),
    }
  }
  return seeded
}

export type StoreCheckout = {
  cart_id: string
  payment_collection_id: string
  payment_session_id: string
  /** The complete-cart answer: `{ type: "order", order }` or `{ type: "cart", cart, error }`. */
  completion: HttpTypes.StoreCompleteCartResponse
}

export type StoreCheckoutInput = {
  currency: string
  /** Price of the variant to buy (major units); the first variant when omitted. */
  price?: number
  quantity?: number
  email?: string
  /** The payment session's data, e.g. `{ payment_method: "pm_card_visa" }`. */
  paymentData?: Record<string, unknown>
  provider_id?: string
  /** Check out as this logged-in customer (see registerCustomer); a guest otherwise. */
  customer?: RegisteredCustomer
  /**
   * The storefront's backend makes the payment session (see sessionByServer) instead of the storefront's
   * `POST /store/payment-collections/:id/payment-sessions`: for what only a trusted `context` may choose.
   */
  createSession?: CreateSession
}

/** Makes the cart's payment session with the checkout's `data`; answers the session's id. */
export type CreateSession = (paymentCollectionId: string, data: Record<string, unknown>) => Promise<{ id: string }>

/**
 * A payment session made by server code with a trusted `context` (e.g. `{ capture_method: "manual" }`),
 * as a shop's own backend would: a caller's `data` cannot choose those settings.
 */
export function sessionByServer(
  container: MedusaContainer,
  context: Record<string, unknown>,
  providerId = STRIPE_COLLECT_PROVIDER_ID
): CreateSession {
  return async (paymentCollectionId, data) => {
    const { result } = await createPaymentSessionsWorkflow(container).run({
      input: { payment_collection_id: paymentCollectionId, provider_id: providerId, data, context },
    })
    return { id: result.id }
  }
}

/**
 * A storefront checkout over Medusa's store API: cart → line item → address → shipping →
 * payment collection → payment session → complete. Returns the completion answer as Medusa gives it.
 */
export async function checkoutThroughStore(api: HttpClient, store: SeededStore, input: StoreCheckoutInput): Promise<StoreCheckout> {
  const region = store.regions[input.currency]
  if (!region) throw new Error(`No region for ${input.currency} was seeded`)
  const variant = input.price === undefined ? region.variants[0] : region.variants.find((v) => v.price === input.price)
  if (!variant) throw new Error(`No ${input.currency} variant priced ${input.price}`)
  const headers = input.customer?.headers ?? store.storeHeaders
  const address = {
    first_name: "Grace",
    last_name: "Hopper",
    address_1: "1 Main Street",
    city: "Springfield",
    postal_code: "12345",
    country_code: region.country_code,
  }

  const { data: created } = await api.post<HttpTypes.StoreCartResponse>(
    "/store/carts",
    {
      region_id: region.id,
      sales_channel_id: store.sales_channel_id,
      email: input.customer?.email ?? input.email ?? "grace@example.com",
      shipping_address: address,
      billing_address: address,
    },
    { headers }
  )
  const cartId = created.cart.id
  await api.post(`/store/carts/${cartId}/line-items`, { variant_id: variant.id, quantity: input.quantity ?? 1 }, { headers })
  await api.post(`/store/carts/${cartId}/shipping-methods`, { option_id: region.shipping_option_id }, { headers })

  const { data: collection } = await api.post<HttpTypes.StorePaymentCollectionResponse>(
    "/store/payment-collections",
    { cart_id: cartId },
    { headers }
  )
  const collectionId = collection.payment_collection.id
  const session = input.createSession
    ? await input.createSession(collectionId, input.paymentData ?? {})
    : await storefrontSession(api, headers, collectionId, input)

  const { data: completion } = await api.post<HttpTypes.StoreCompleteCartResponse>(`/store/carts/${cartId}/complete`, {}, { headers })
  return {
    cart_id: cartId,
    payment_collection_id: collectionId,
    payment_session_id: session.id,
    completion,
  }
}

async function storefrontSession(
  api: HttpClient,
  headers: Record<string, string>,
  collectionId: string,
  input: StoreCheckoutInput
): Promise<{ id: string }> {
  const { data: withSession } = await api.post<HttpTypes.StorePaymentCollectionResponse>(
    `/store/payment-collections/${collectionId}/payment-sessions`,
    { provider_id: input.provider_id ?? STRIPE_COLLECT_PROVIDER_ID, data: input.paymentData ?? {} },
    { headers }
  )
  const session = withSession.payment_collection.payment_sessions?.[0]
  if (!session) throw new Error("The payment session was not created")
  return session
}

export type CreatedOrder = {
  id: string
  display_id: number
  currency_code: string
  /** Major units. */
  total: number
  email: string
  customer_id: string | null
  region_id: string
  sales_channel_id: string
}

/**
 * An order the store is owed money for: placed through Medusa's core createOrderWorkflow (as a
 * draft order or a phone order is), one line at `total` (major units), no tax, no shipping and no
 * payment yet — payment_status `not_paid`, all of it outstanding. Pass `store` to reuse a seeded
 * store; otherwise a region for the currency is found or created.
 */
export async function createOrder(
  container: MedusaContainer,
  input: { currency: string; total: number; email?: string; store?: SeededStore; title?: string }
): Promise<CreatedOrder> {
  const currency = input.currency.toLowerCase()
  const target = input.store?.regions[currency]
    ? {
        region_id: input.store.regions[currency].id,
        sales_channel_id: input.store.sales_channel_id,
        country_code: input.store.regions[currency].country_code,
      }
    : await findOrCreateRegionFor(container, currency)
  const email = input.email ?? "customer@example.com"
  const address = {
    first_name: "Grace",
    last_name: "Hopper",
    address_1: "1 Main Street",
    city: "Springfield",
    postal_code: "12345",
    country_code: target.country_code,
  }
  const { result } = await createOrderWorkflow(container).run({
    input: {
      region_id: target.region_id,
      sales_channel_id: target.sales_channel_id,
      email,
      currency_code: currency,
      shipping_address: address,
      billing_address: address,
      items: [{ title: input.title ?? "Invoice", quantity: 1, unit_price: input.total }],
    },
  })
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order",
    fields: ["id", "display_id", "currency_code", "total", "email", "customer_id", "region_id", "sales_channel_id"],
    filters: { id: result.id },
  })
  const order = data[0]
  return {
    id: order.id,
    display_id: Number(order.display_id),
    currency_code: order.currency_code,
    total: Number(order.total),
    email: order.email ?? email,
    customer_id: order.customer_id ?? null,
    region_id: order.region_id ?? target.region_id,
    sales_channel_id: order.sales_channel_id ?? target.sales_channel_id,
  }
}

const COUNTRY_BY_CURRENCY: Record<string, string> = {
  usd: "us",
  jpy: "jp",
  eur: "de",
  gbp: "gb",
  kwd: "kw",
  cad: "ca",
  aud: "au",
}

// Reuses a region already seeded for the currency (the database resets between tests, so no cache).
async function findOrCreateRegionFor(
  container: MedusaContainer,
  currency: string
): Promise<{ region_id: string; sales_channel_id: string; country_code: string }> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: regions } = await query.graph({
    entity: "region",
    fields: ["id", "countries.iso_2"],
    filters: { currency_code: currency },
  })
  const { data: channels } = await query.graph({ entity: "sales_channel", fields: ["id"], filters: { name: "Web store" } })
  const existing = regions[0]
  if (existing && channels[0]) {
    return {
      region_id: existing.id,
      sales_channel_id: channels[0].id,
      country_code: existing.countries?.[0]?.iso_2 ?? COUNTRY_BY_CURRENCY[currency] ?? "us",
    }
  }
  const country = COUNTRY_BY_CURRENCY[currency]
  if (!country) throw new Error(`Pass a seeded store to createOrder for ${currency}: no default country is known`)
  const store = await createRegionWithProducts(container, [{ currency, country, prices: [1] }])
  return { region_id: store.regions[currency].id, sales_channel_id: store.sales_channel_id, country_code: country }
}

export type RegisteredCustomer = {
  id: string
  email: string
  /** Store API headers: publishable key and the customer's bearer token. */
  headers: Record<string, string>
}

/** A customer who signed up on the storefront (email + password), logged in. */
export async function registerCustomer(
  api: HttpClient,
  store: SeededStore,
  input: { email: string; first_name?: string; last_name?: string; password?: string }
): Promise<RegisteredCustomer> {
  const password = input.password ?? "correct horse battery staple"
  const { data: registration } = await api.post<{ token: string }>("/auth/customer/emailpass/register", {
    email: input.email,
    password,
  })
  const { data: created } = await api.post<HttpTypes.StoreCustomerResponse>(
    "/store/customers",
    { email: input.email, first_name: input.first_name ?? "Ada", last_name: input.last_name ?? "Lovelace" },
    { headers: { ...store.storeHeaders, authorization: `Bearer ${registration.token}` } }
  )
  const { data: login } = await api.post<{ token: string }>("/auth/customer/emailpass", { email: input.email, password })
  return {
    id: created.customer.id,
    email: input.email,
    headers: { ...store.storeHeaders, authorization: `Bearer ${login.token}` },
  }
}
