// Parameters the API (and stripe-node 23's types) accept that are newer than, or gated out of, the bundled OpenAPI spec.
import type { ParamSchema } from "./validation"

interface ExtraParam {
  /** Dotted path inside the operation's parameters; arrays are stepped through, e.g. `line_items.metadata`. */
  path: string
  schema: ParamSchema
}

const boolean: ParamSchema = { type: "boolean" }
const text: ParamSchema = { type: "string", maxLength: 5000 }
const metadata: ParamSchema = { type: "object", additionalProperties: { type: "string" } }
// MOTO (mail/telephone order) is a gated card option, absent from the public spec; admins take phone orders with it.
const moto = { path: "payment_method_options.card.moto", schema: boolean }
const typeList: ParamSchema = { type: "array", items: text }
const excludedTypes = { path: "excluded_payment_method_types", schema: typeList }
// 2026-09-30.endive replaced payment_method_types with allowed_payment_method_types (stripe-node 23).
const allowedTypes = { path: "allowed_payment_method_types", schema: typeList }

export const PARAMS_NEWER_THAN_SPEC: Record<string, ExtraParam[]> = {
  "POST /v1/payment_intents": [moto, excludedTypes, allowedTypes],
  "POST /v1/payment_intents/{intent}": [moto, excludedTypes, allowedTypes],
  "POST /v1/payment_intents/{intent}/confirm": [moto, excludedTypes, allowedTypes],
  "POST /v1/setup_intents": [excludedTypes, allowedTypes],
  "POST /v1/setup_intents/{intent}": [excludedTypes, allowedTypes],
  "POST /v1/setup_intents/{intent}/confirm": [allowedTypes],
  "POST /v1/checkout/sessions": [
    // Checkout's newer knobs (2025): collect the payer's name, per-line metadata, wallet buttons.
    { path: "name_collection", schema: { type: "object" } },
    { path: "line_items.metadata", schema: metadata },
    { path: "wallet_options", schema: { type: "object" } },
    excludedTypes,
    allowedTypes,
  ],
  "POST /v1/customers": [
    { path: "business_name", schema: { anyOf: [text, { enum: [""], type: "string" }] } },
    { path: "individual_name", schema: { anyOf: [text, { enum: [""], type: "string" }] } },
  ],
}

/** Parameters the spec still lists but that API versions from `since` on no longer accept (Received unknown parameter). */
export const PARAMS_REMOVED: Record<string, { path: string; since: string }[]> = {
  "POST /v1/payment_intents": [{ path: "payment_method_types", since: "2026-09-30" }],
  "POST /v1/payment_intents/{intent}": [{ path: "payment_method_types", since: "2026-09-30" }],
  "POST /v1/payment_intents/{intent}/confirm": [{ path: "payment_method_types", since: "2026-09-30" }],
  "POST /v1/setup_intents": [{ path: "payment_method_types", since: "2026-09-30" }],
  "POST /v1/setup_intents/{intent}": [{ path: "payment_method_types", since: "2026-09-30" }],
  "POST /v1/checkout/sessions": [{ path: "payment_method_types", since: "2026-09-30" }],
}
