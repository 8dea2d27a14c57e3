import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { STRIPE_COLLECT_MODULE } from ".."
import StripeCollectModuleService from "../service"
import Invoice from "../models/invoice"
import InvoiceSequence from "../models/invoice-sequence"

jest.setTimeout(120_000)

const issue = (service: StripeCollectModuleService, orderId: string, prefix = "INV-2026-", store = "store_1") =>
  service.issueInvoice({
    order_id: orderId,
    order_total: 100,
    currency_code: "usd",
    store_id: store,
    prefix,
  })

moduleIntegrationTestRunner<StripeCollectModuleService>({
  moduleName: STRIPE_COLLECT_MODULE,
  moduleModels: [Invoice, InvoiceSequence],
  resolve: "./src/modules/stripe-collect",
  testSuite: ({ service }) => {
    it("numbers 25 orders issued at once 0001 to 0025: distinct and gap-free", async () => {
      const invoices = await Promise.all(Array.from({ length: 25 }, (_, i) => issue(service, `order_${i}`)))
      const numbers = invoices.map((i) => i.number).sort()
      expect(numbers).toEqual(Array.from({ length: 25 }, (_, i) => `INV-2026-${String(i + 1).padStart(4, "0")}`))
      expect(new Set(invoices.map((i) => i.order_id)).size).toBe(25)
    })

    it("gives an order the invoice it has; a failed issue gives its number back", async () => {
      const first = await issue(service, "order_a")
      expect(first.number).toBe("INV-2026-0001")
      expect((await issue(service, "order_a")).id).toBe(first.id)

      // The insert fails after the sequence moved: the transaction takes the number back with it.
      await expect(
        service.issueInvoice({
          order_id: "order_b",
          order_total: 10,
          currency_code: null as unknown as string,
          store_id: "store_1",
          prefix: "INV-2026-",
        })
      ).rejects.toThrow()
      expect((await issue(service, "order_b")).number).toBe("INV-2026-0002")
    })

    it("keeps one series per store and prefix: a new prefix (a new year) starts at 0001", async () => {
      expect((await issue(service, "order_x", "INV-2026-")).number).toBe("INV-2026-0001")
      expect((await issue(service, "order_y", "INV-2027-")).number).toBe("INV-2027-0001")
      expect((await issue(service, "order_z", "INV-2026-", "store_2")).number).toBe("INV-2026-0001")
      expect((await issue(service, "order_w", "INV-2026-")).number).toBe("INV-2026-0002")
    })

    it("an order edit issues a new version under the same number; a cancel voids it; nothing is deleted", async () => {
      const v1 = await issue(service, "order_e")
      expect(await service.reviseInvoice("order_e", 100)).toMatchObject({ id: v1.id, version: 1, status: "issued" })

      const v2 = await service.reviseInvoice("order_e", 120)
      expect(v2).toMatchObject({ number: v1.number, version: 2, status: "issued" })
      expect(Number(v2!.order_total)).toBe(120)
      expect(await service.retrieveInvoice(v1.id)).toMatchObject({ status: "superseded" })

      const voided = await service.voidInvoice("order_e")
      expect(voided).toMatchObject({ id: v2!.id, status: "void" })
      expect(voided!.voided_at).toBeTruthy()
      // A void invoice is final: no new version, no new number.
      expect(await service.reviseInvoice("order_e", 150)).toMatchObject({ id: v2!.id, status: "void" })
      expect((await issue(service, "order_e")).id).toBe(v2!.id)
      expect(await service.listInvoices({ order_id: "order_e" })).toHaveLength(2)
      expect((await issue(service, "order_f")).number).toBe("INV-2026-0002")
    })
  },
})
