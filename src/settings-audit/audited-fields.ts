/**
 * Which Settings → Stripe fields the audit trail follows: the Stripe account, the store name, and every
 * email address the settings hold (any column named `*_email` or `*_emails`), so an address added to the
 * settings later is audited without a change here.
 */
export const ACCOUNT_FIELD = "stripe_account_id"

const NAMED_FIELDS: Record<string, string> = {
  [ACCOUNT_FIELD]: "Stripe account",
  store_name: "Store name",
  error_email: "Integration-error address",
}

export function isAuditedField(field: string): boolean {
  return field in NAMED_FIELDS || /_emails?$/.test(field)
}

/** The field in the merchant's words: known ones by name, other addresses from their column name. */
export function auditedFieldLabel(field: string): string {
  const named = NAMED_FIELDS[field]
  if (named) return named
  const words = field
    .replace(/_emails?$/, "")
    .replace(/_/g, " ")
    .trim()
  return `${words.charAt(0).toUpperCase()}${words.slice(1)} address`
}

const asText = (value: unknown): string | null => (value === null || value === undefined || value === "" ? null : String(value))

export type FieldChange = { field: string; from_value: string | null; to_value: string | null }

/** The audited fields whose value differs between two versions of the connection row. */
export function auditedChanges(before: Record<string, unknown> | undefined, after: Record<string, unknown> | undefined): FieldChange[] {
  const fields = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})].filter(isAuditedField))
  return [...fields]
    .sort((a, b) => (a === ACCOUNT_FIELD ? -1 : b === ACCOUNT_FIELD ? 1 : a.localeCompare(b)))
    .map((field) => ({ field, from_value: asText(before?.[field]), to_value: asText(after?.[field]) }))
    .filter((change) => change.from_value !== change.to_value)
}
