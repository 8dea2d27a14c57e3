import Medusa from "@medusajs/js-sdk"

// One client for every admin extension; the dashboard's session cookie authenticates it.
export const sdk = new Medusa({
  baseUrl: import.meta.env.VITE_BACKEND_URL || "/",
  auth: { type: "session" },
})
