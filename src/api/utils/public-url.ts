import type { MedusaRequest } from "@medusajs/framework/http"

/**
 * The backend's public origin for customer links: STRIPE_COLLECT_PUBLIC_URL when set (behind a
 * proxy), else the origin this request came to.
 */
export function publicUrlOf(req: MedusaRequest): string {
  const configured = process.env.STRIPE_COLLECT_PUBLIC_URL
  if (configured) return configured.replace(/\/+$/, "")
  return `${req.protocol}://${req.get("host")}`
}
