import type Stripe from "stripe"
import type { PaymentIntentsGateway } from "../gateway"
import type { StripeCall } from "../stripe-call"

// 100 per page (Stripe's maximum) × 10 pages: a metadata key we wrote matches one or two PaymentIntents, never thousands.
const SEARCH_PAGE_SIZE = 100
const SEARCH_MAX_PAGES = 10

/** PaymentIntents: admin charges, storefront sessions, captures, cancels, and finding a lost charge. */
export function paymentIntentsGateway(call: StripeCall): PaymentIntentsGateway {
  const { stripe } = call
  return {
    createAndConfirm: (params, key) =>
      call.write("charge the card", key, (options) => stripe.paymentIntents.create({ ...params, confirm: true }, options)),
    create: (params, key) => call.write("create the payment", key, (options) => stripe.paymentIntents.create(params, options)),
    retrieve: (id, expand) =>
      call.request("read the payment", (options) => stripe.paymentIntents.retrieve(id, expand?.length ? { expand } : {}, options)),
    update: (id, params, key) => call.write("update the payment", key, (options) => stripe.paymentIntents.update(id, params, options)),
    confirm: (id, params, key) => call.write("confirm the payment", key, (options) => stripe.paymentIntents.confirm(id, params, options)),
    capture: (id, params, key) => call.write("capture the payment", key, (options) => stripe.paymentIntents.capture(id, params, options)),
    cancel: (id, key) => call.write("cancel the payment", key, (options) => stripe.paymentIntents.cancel(id, {}, options)),
    searchByMetadata: async (key, value) => {
      const query = metadataQuery(key, value)
      const found: Stripe.PaymentIntent[] = []
      let page: string | undefined
      for (let pages = 0; pages < SEARCH_MAX_PAGES; pages++) {
        const result = await call.request("search the payments", (options) =>
          stripe.paymentIntents.search({ query, limit: SEARCH_PAGE_SIZE, ...(page ? { page } : {}) }, options)
        )
        found.push(...result.data)
        if (!result.has_more || !result.next_page) break
        page = result.next_page
      }
      return found
    },
  }
}

/**
 * Stripe's search clause for one metadata entry. Key and value are quoted, and backslashes and quotes
 * in them escaped, so a value can never end the string and add clauses of its own (`x' OR status:'y`).
 */
export function metadataQuery(key: string, value: string): string {
  return `metadata['${escapeSearchString(key)}']:'${escapeSearchString(value)}'`
}

function escapeSearchString(text: string): string {
  return text.replace(/[\\']/g, (character) => `\\${character}`)
}
