import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { MedusaRequest } from "@medusajs/framework/http"

export const CONNECT_CALLBACK_PATH = "/admin/stripe-collect/connect/callback"

/** Where Stripe sends the admin back: the configured public backend URL, else the one this request came to. */
export function connectRedirectUri(req: MedusaRequest): string {
  const { admin } = req.scope.resolve(ContainerRegistrationKeys.CONFIG_MODULE)
  const backendUrl = admin?.backendUrl && /^https?:\/\//.test(admin.backendUrl) ? admin.backendUrl : undefined
  const origin = backendUrl ?? `${req.protocol}://${req.get("host")}`
  return `${origin.replace(/\/+$/, "")}${CONNECT_CALLBACK_PATH}`
}

/** The dashboard's Settings → Stripe page, with the outcome of the connection in the query (a code, never text). */
export function settingsPageUrl(req: MedusaRequest, outcome: { connected: true } | { error: string }): string {
  const { admin } = req.scope.resolve(ContainerRegistrationKeys.CONFIG_MODULE)
  const adminPath = (admin?.path ?? "/app").replace(/\/+$/, "")
  const query = "connected" in outcome ? "connected=1" : `error=${encodeURIComponent(outcome.error)}`
  return `${adminPath}/settings/stripe-collect?${query}`
}
