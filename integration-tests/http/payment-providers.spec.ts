import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createAdminHeaders } from "../helpers/admin"

jest.setTimeout(300_000)

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: Record<string, string>

    beforeEach(async () => {
      ;({ headers } = await createAdminHeaders(getContainer()))
    })

    it("lists the stripe-collect provider for an authenticated admin", async () => {
      const response = await api.get("/admin/payments/payment-providers", { headers })
      expect(response.status).toBe(200)
      const ids = response.data.payment_providers.map((p: { id: string }) => p.id)
      expect(ids).toContain("pp_stripe-collect_default")
    })

    it("refuses the provider list without a session", async () => {
      const response = await api.get("/admin/payments/payment-providers").catch((e: any) => e.response)
      expect(response.status).toBe(401)
    })
  },
})
