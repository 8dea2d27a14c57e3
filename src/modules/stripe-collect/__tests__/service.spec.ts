import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { STRIPE_COLLECT_MODULE } from ".."
import StripeCollectModuleService from "../service"
import Activity from "../models/activity"
import PaymentLink from "../models/payment-link"
import StripeConnection from "../models/stripe-connection"

jest.setTimeout(60_000)

moduleIntegrationTestRunner<StripeCollectModuleService>({
  moduleName: STRIPE_COLLECT_MODULE,
  moduleModels: [StripeConnection, PaymentLink, Activity],
  resolve: "./src/modules/stripe-collect",
  testSuite: ({ service }) => {
    it("stores and reads back the merchant's connection settings", async () => {
      const created = await service.createStripeConnections({
        store_name: "Acme Outdoor",
        error_email: "ops@acme.test",
      })
      expect(created.id).toMatch(/^scconn_/)
      expect(created.mode).toBe("api_key")

      const [read] = await service.listStripeConnections({ id: created.id })
      expect(read).toMatchObject({
        store_name: "Acme Outdoor",
        error_email: "ops@acme.test",
        livemode: false,
        stripe_account_id: null,
      })
    })

    it("keeps a payment link's amount exact and its token hash unique", async () => {
      const link = await service.createPaymentLinks({
        order_id: "order_1",
        token_hash: "a".repeat(64),
        token_nonce: "nonce-1",
        amount: 40.12,
        currency_code: "usd",
        email: "buyer@example.test",
        expires_at: new Date(Date.now() + 86_400_000),
      })
      const [read] = await service.listPaymentLinks({ order_id: "order_1" })
      expect(read.id).toBe(link.id)
      expect(Number(read.amount)).toBe(40.12)
      expect(read.status).toBe("sent")

      await expect(
        service.createPaymentLinks({
          order_id: "order_2",
          token_hash: "a".repeat(64),
          token_nonce: "nonce-1",
          amount: 1,
          currency_code: "usd",
          email: "other@example.test",
          expires_at: new Date(Date.now() + 86_400_000),
        })
      ).rejects.toThrow()
    })

    it("records activity per order, newest first", async () => {
      await service.createActivities([
        { order_id: "order_9", kind: "charge", status: "succeeded", amount: 30, currency_code: "usd" },
        { order_id: "order_9", kind: "charge", status: "failed", failure_code: "card_declined" },
      ])
      const rows = await service.listActivities({ order_id: "order_9" }, { order: { created_at: "DESC" } })
      expect(rows).toHaveLength(2)
      expect(rows.map((r) => r.status).sort()).toEqual(["failed", "succeeded"])
    })
  },
})
