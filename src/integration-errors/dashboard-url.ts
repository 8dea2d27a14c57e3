import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"

/**
 * An absolute link into the admin dashboard (for emails), or null when the app does not know its
 * public URL (`admin.backendUrl` in medusa-config is unset or relative).
 */
export function dashboardUrl(container: Pick<MedusaContainer, "resolve">, page: string): string | null {
  const { admin } = container.resolve(ContainerRegistrationKeys.CONFIG_MODULE)
  const backendUrl = admin?.backendUrl
  if (!backendUrl || !/^https?:\/\//.test(backendUrl)) {
    return null
  }
  const adminPath = (admin?.path ?? "/app").replace(/\/+$/, "")
  return `${backendUrl.replace(/\/+$/, "")}${adminPath}/${page.replace(/^\/+/, "")}`
}
