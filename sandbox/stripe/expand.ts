// `expand[]`: replaces ids with the objects they name, along dotted paths, as far as Stripe allows.
import { invalidRequest } from "./errors"
import { isJsonObject, type Json, type JsonObject } from "./params"
import type { Scope } from "./scope"

/** A plain JSON copy of a stored object, safe to expand and send. */
export function toJson(value: object): JsonObject {
  return JSON.parse(JSON.stringify(value))
}

type Resolver = (scope: Scope, owner: JsonObject, value: Json) => Json

/** Fields each object type lets callers expand (dotted for nested ones); the default resolver looks the id up. */
const EXPANDABLE: Record<string, Record<string, Resolver | null>> = {
  payment_intent: {
    customer: null,
    latest_charge: null,
    payment_method: null,
    application: null,
    on_behalf_of: null,
    review: null,
    source: null,
  },
  charge: {
    customer: null,
    payment_intent: null,
    balance_transaction: null,
    application: null,
    application_fee: null,
    on_behalf_of: null,
    review: null,
    source_transfer: null,
    transfer: null,
    failure_balance_transaction: null,
    refunds: (scope, owner) => {
      const refunds = scope.data.refunds.newestFirst().filter((r) => r.charge === owner.id)
      return { object: "list", data: refunds.map(toJson), has_more: false, url: `/v1/charges/${owner.id}/refunds` }
    },
  },
  refund: {
    charge: null,
    payment_intent: null,
    balance_transaction: null,
    customer: null,
    payment_method: null,
    failure_balance_transaction: null,
  },
  "checkout.session": {
    customer: null,
    payment_intent: null,
    setup_intent: null,
    invoice: null,
    subscription: null,
    payment_link: null,
    line_items: (scope, owner) => {
      const items = scope.data.checkoutLineItems.get(String(owner.id)) ?? []
      return { object: "list", data: items.map(toJson), has_more: false, url: `/v1/checkout/sessions/${owner.id}/line_items` }
    },
  },
  setup_intent: {
    customer: null,
    payment_method: null,
    latest_attempt: null,
    mandate: null,
    single_use_mandate: null,
    application: null,
    on_behalf_of: null,
  },
  payment_method: { customer: null },
  customer: { default_source: null, "invoice_settings.default_payment_method": null, test_clock: null },
  balance_transaction: { source: null },
  // Search answers count their matches only when asked; the handler already put the count there.
  search_result: { total_count: (_scope, _owner, value) => value },
}

/** Finds any stored object of this account by its id prefix. */
export function lookupById(scope: Scope, id: string): object | undefined {
  const d = scope.data
  if (id.startsWith("pi_")) return d.paymentIntents.get(id)
  if (id.startsWith("ch_") || id.startsWith("py_")) return d.charges.get(id)
  if (id.startsWith("cus_")) return d.customers.get(id)
  if (id.startsWith("pm_")) return d.paymentMethods.get(id)
  if (id.startsWith("re_")) return d.refunds.get(id)
  if (id.startsWith("seti_")) return d.setupIntents.get(id)
  if (id.startsWith("cs_")) return d.checkoutSessions.get(id)
  if (id.startsWith("txn_")) return d.balanceTransactions.get(id)
  if (id.startsWith("acct_")) return id === scope.state.platform.id ? scope.state.platform : scope.state.connected.get(id)?.account
  return undefined
}

const defaultResolver: Resolver = (scope, _owner, value) => {
  if (typeof value !== "string") return value
  const found = lookupById(scope, value)
  return found ? toJson(found) : value
}

function getAt(obj: JsonObject, path: string[]): Json | undefined {
  let current: Json | undefined = obj
  for (const key of path) {
    if (!isJsonObject(current)) return undefined
    current = current[key]
  }
  return current
}

function setAt(obj: JsonObject, path: string[], value: Json): void {
  let current: JsonObject = obj
  for (const key of path.slice(0, -1)) {
    const next = current[key]
    if (!isJsonObject(next)) return
    current = next
  }
  current[path[path.length - 1]] = value
}

const MAX_DEPTH = 4

function expandPath(scope: Scope, obj: JsonObject, segments: string[], full: string): void {
  if (segments.length === 0) return
  const type = typeof obj.object === "string" ? obj.object : ""
  if ((type === "list" || type === "search_result") && segments[0] === "data") {
    const data = obj.data
    if (Array.isArray(data)) for (const item of data) if (isJsonObject(item)) expandPath(scope, item, segments.slice(1), full)
    return
  }
  const fields = EXPANDABLE[type] ?? {}
  for (let take = segments.length; take >= 1; take--) {
    const field = segments.slice(0, take).join(".")
    if (!(field in fields)) continue
    const path = segments.slice(0, take)
    const current = getAt(obj, path)
    const custom = fields[field]
    // Lists such as charge.refunds are built on request, even though the stored object has no such field.
    if (!custom && (current === undefined || current === null)) return
    const expanded = custom
      ? custom(scope, obj, current ?? null)
      : typeof current === "string"
        ? defaultResolver(scope, obj, current)
        : (current ?? null)
    setAt(obj, path, expanded)
    if (take < segments.length && isJsonObject(expanded)) expandPath(scope, expanded, segments.slice(take), full)
    return
  }
  throw invalidRequest(`This property cannot be expanded (${segments.join(".")}).`, { param: "expand" })
}

/** Expands `paths` (Stripe allows four levels) on a JSON copy of a response. */
export function expand(scope: Scope, response: JsonObject, paths: string[]): JsonObject {
  for (const path of paths) {
    const segments = path.split(".")
    if (segments.length > MAX_DEPTH) {
      throw invalidRequest(`You cannot expand more than 4 levels of a property. Property: ${path}`, { param: "expand" })
    }
    expandPath(scope, response, segments, path)
  }
  return response
}
