import { hasPermission } from "@medusajs/framework"
import type { AuthenticatedMedusaRequest } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { STRIPE_COLLECT_OPERATIONS, STRIPE_COLLECT_RESOURCE, type StripeCollectOperation } from "../../policies/stripe-collect"

export type StripeCollectPermissions = Record<StripeCollectOperation, boolean>

const OPERATIONS = Object.keys(STRIPE_COLLECT_OPERATIONS) as StripeCollectOperation[]

/**
 * What the caller may do with the plugin, decided as the routes decide it (src/api/admin/stripe-collect/
 * route-policies.ts), so the dashboard shows only what will work: everything without Medusa's RBAC flag;
 * with it, what the roles in the caller's token grant, and nothing for a caller without roles.
 */
export async function stripeCollectPermissions(req: AuthenticatedMedusaRequest): Promise<StripeCollectPermissions> {
  const flags = req.scope.resolve<{ isFeatureEnabled(flag: string): boolean }>(ContainerRegistrationKeys.FEATURE_FLAG_ROUTER)
  const all = (value: boolean) => Object.fromEntries(OPERATIONS.map((op) => [op, value])) as StripeCollectPermissions
  if (!flags.isFeatureEnabled("rbac")) return all(true)
  const roles = (req.auth_context?.app_metadata?.roles as string[] | undefined) ?? []
  if (!roles.length) return all(false)
  const granted = await Promise.all(
    OPERATIONS.map((operation) => hasPermission({ roles, actions: { resource: STRIPE_COLLECT_RESOURCE, operation }, container: req.scope }))
  )
  return Object.fromEntries(OPERATIONS.map((op, i) => [op, granted[i]])) as StripeCollectPermissions
}
