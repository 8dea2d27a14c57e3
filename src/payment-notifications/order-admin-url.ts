import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { dashboardUrl } from "../integration-errors/dashboard-url"

/**
 * The order's page in the Medusa dashboard, for the merchant's emails: from `admin.backendUrl`, else from
 * STRIPE_COLLECT_PUBLIC_URL (the backend serves the dashboard); null when neither is known.
 */
export function orderAdminUrl(container: Pick<MedusaContainer, "resolve">, orderId: string): string | null {
  const page = `orders/${orderId}`
  const configured = dashboardUrl(container, page)
  if (configured) return configured
  const publicUrl = process.env.STRIPE_COLLECT_PUBLIC_URL
  if (!publicUrl || !/^https?:\/\/[^\s/]+/.test(publicUrl)) return null
  const adminPath = (container.resolve(ContainerRegistrationKeys.CONFIG_MODULE).admin?.path ?? "/app").replace(/\/+$/, "")
  return `${publicUrl.replace(/\/+$/, "")}${adminPath}/${page}`
}
