// What the demo store sells and who owes it money: one place to read (and change) the demo's story.

export const STRIPE_COLLECT_PROVIDER_ID = "pp_stripe-collect_default"
export const MANUAL_PROVIDER_ID = "pp_system_default"

export const STORE_NAME = "Stripe Collect demo store"
export const SALES_CHANNEL_NAME = "Demo web store"
export const PUBLISHABLE_KEY_TITLE = "Demo storefront"
export const STOCK_LOCATION_NAME = "Demo warehouse"
export const FULFILLMENT_SET_NAME = "Demo shipping"

export type DemoRegion = {
  currency: "usd" | "eur" | "jpy"
  name: string
  countries: string[]
  /** Flat shipping in major units of the currency. */
  shipping: number
}

export const DEMO_REGIONS: DemoRegion[] = [
  { currency: "usd", name: "United States", countries: ["us"], shipping: 10 },
  { currency: "eur", name: "Europe", countries: ["de", "fr", "nl"], shipping: 8 },
  { currency: "jpy", name: "Japan", countries: ["jp"], shipping: 800 },
]

export const DEMO_PRODUCT = {
  handle: "oak-side-table",
  title: "Oak side table",
  description: "Solid oak, oiled by hand. Made to order in our workshop.",
  sku: "OAK-SIDE-TABLE",
  /** Major units per currency. */
  prices: { usd: 120, eur: 110, jpy: 18000 },
}

export type DemoCustomer = {
  email: string
  first_name: string
  last_name: string
  phone: string
  address: { address_1: string; city: string; postal_code: string; country_code: string; province?: string }
  /** Saves Stripe's test card to the customer's Stripe customer: a card on file for "Charge card". */
  card_on_file: boolean
}

export const DEMO_CUSTOMERS: DemoCustomer[] = [
  {
    email: "bea.buyer@stripe-collect.test",
    first_name: "Bea",
    last_name: "Buyer",
    phone: "+1 555 0100",
    address: { address_1: "1 Main Street", city: "Springfield", postal_code: "12345", country_code: "us", province: "IL" },
    card_on_file: true,
  },
  {
    email: "carla.diaz@stripe-collect.test",
    first_name: "Carla",
    last_name: "Diaz",
    phone: "+1 555 0199",
    address: { address_1: "42 Harbor Road", city: "Portland", postal_code: "97201", country_code: "us", province: "OR" },
    card_on_file: false,
  },
  {
    email: "jonas.weber@stripe-collect.test",
    first_name: "Jonas",
    last_name: "Weber",
    phone: "+49 30 1234567",
    address: { address_1: "Torstraße 10", city: "Berlin", postal_code: "10119", country_code: "de" },
    card_on_file: false,
  },
  {
    email: "haruto.sato@stripe-collect.test",
    first_name: "Haruto",
    last_name: "Sato",
    phone: "+81 3 1234 5678",
    address: { address_1: "1-2-3 Shibuya", city: "Tokyo", postal_code: "150-0002", country_code: "jp" },
    card_on_file: false,
  },
]

export type DemoOrder = {
  /** Stable name of the seeded order, so a second run finds it instead of creating another. */
  key: string
  currency: DemoRegion["currency"]
  customer_email: string
  quantity: number
}

// Unpaid orders placed from the dashboard (draft order → order): nothing paid, everything outstanding.
export const DEMO_ORDERS: DemoOrder[] = [
  { key: "usd-bea-2-tables", currency: "usd", customer_email: "bea.buyer@stripe-collect.test", quantity: 2 },
  { key: "eur-jonas-2-tables", currency: "eur", customer_email: "jonas.weber@stripe-collect.test", quantity: 2 },
  { key: "jpy-haruto-1-table", currency: "jpy", customer_email: "haruto.sato@stripe-collect.test", quantity: 1 },
  { key: "usd-carla-2-tables", currency: "usd", customer_email: "carla.diaz@stripe-collect.test", quantity: 2 },
  // Paid by SEPA Direct Debit in the browser tests (a bank payment: processing, then paid).
  { key: "eur-jonas-1-table", currency: "eur", customer_email: "jonas.weber@stripe-collect.test", quantity: 1 },
  // Charged, then disputed by the customer's bank in the browser tests (the Disputed badge).
  { key: "usd-bea-1-table", currency: "usd", customer_email: "bea.buyer@stripe-collect.test", quantity: 1 },
]
