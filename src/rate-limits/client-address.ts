import type { MedusaRequest } from "@medusajs/framework/http"

/**
 * The caller's address when it can be trusted as the client's, else null. Medusa trusts one proxy hop
 * (`trust proxy` 1): behind one proxy `req.ip` is the client's and a forged X-Forwarded-For further left
 * is ignored. A loopback caller is this host itself (a local proxy that names no client, a health check):
 * it stands for many clients, so it is not limited as one.
 */
export function clientAddress(req: MedusaRequest): string | null {
  const address = req.ip ?? req.socket?.remoteAddress
  if (!address) return null
  if (address === "::1" || address.startsWith("127.") || address.startsWith("::ffff:127.")) return null
  return address
}
