import Medusa from "@medusajs/js-sdk"

// One client for every admin extension; the dashboard's session cookie authenticates it.
export const backendUrl: string = import.meta.env.VITE_BACKEND_URL || "/"

export const sdk = new Medusa({
  baseUrl: backendUrl,
  auth: { type: "session" },
})
