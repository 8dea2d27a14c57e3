import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createAdminHeaders } from "../helpers/admin"
import { createUnpaidOrder } from "../helpers/orders"
import { useSandbox } from "../helpers/sandbox"
import { checkoutThroughStore, createRegionWithProducts, STRIPE_COLLECT_PROVIDER_ID } from "../helpers/store"

/**
 * The order's own payment status tells the truth whatever kind of order is charged: a storefront
 * order waiting for a manual payment (Medusa's system provider authorized its total) and an order
 * whose edit left a difference to pay, besides the draft-style orders of charge-card.spec.ts.
 */

jest.setTimeout(300_000)

useSandbox()

type Collection = { id: string; status: string; amount: number; payments?: { provider_id: string; canceled_at: string | null }[] }

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: Record<string, string>

    const charge = (orderId: string, amount: number) =>
      api
        .post(`/admin/stripe-collect/orders/${orderId}/charges`, { amount, payment_method: "pm_card_visa" }, { headers })
        .catch((e: any) => e.response)

    const adminOrder = async (orderId: string) =>
      (
        await api.get(`/admin/orders/${orderId}?fields=+payment_status,+summary,*payment_collections,*payment_collections.payments`, {
          headers,
        })
      ).data.order

    /** The admin edits the order's first line to a new quantity, requests and confirms the edit. */
    async function editQuantity(orderId: string, quantity: number) {
      const itemId = (await api.get(`/admin/orders/${orderId}?fields=*items`, { headers })).data.order.items[0].id
      await api.post("/admin/order-edits", { order_id: orderId }, { headers })
      await api.post(`/admin/order-edits/${orderId}/items/item/${itemId}`, { quantity }, { headers })
      await api.post(`/admin/order-edits/${orderId}/request`, {}, { headers })
      await api.post(`/admin/order-edits/${orderId}/confirm`, {}, { headers })
    }

    beforeEach(async () => {
      ;({ headers } = await createAdminHeaders(getContainer()))
    })

    it("a storefront order awaiting a manual payment: partially captured after a partial charge, captured when paid", async () => {
      const store = await createRegionWithProducts(getContainer(), [
        {
          currency: "usd",
          country: "us",
          prices: [100],
          shipping: 0,
          payment_providers: ["pp_system_default", STRIPE_COLLECT_PROVIDER_ID],
        },
      ])
      const checkout = await checkoutThroughStore(api, store, { currency: "usd", price: 100, provider_id: "pp_system_default" })
      expect(checkout.completion.type).toBe("order")
      const orderId = (checkout.completion as { order: { id: string } }).order.id

      const placed = await adminOrder(orderId)
      // Medusa's manual provider "authorizes" the total: the order waits for the money.
      expect(placed.payment_status).toBe("authorized")
      expect(Number(placed.summary.pending_difference)).toBe(100)

      const first = await charge(orderId, 30)
      expect(first.status).toBe(201)
      expect(first.data.order).toMatchObject({ paid_total: 30, outstanding: 70, payment_status: "partially_captured" })
      const partly = await adminOrder(orderId)
      expect(partly.payment_status).toBe("partially_captured")
      expect(Number(partly.summary.pending_difference)).toBe(70)
      // The manual provider's authorization for the whole total is replaced by one for what is still owed.
      const open = (partly.payment_collections as Collection[]).filter((c) => !["canceled", "completed"].includes(c.status))
      const manual = open.filter((c) => c.payments?.some((p) => p.provider_id === "pp_system_default" && !p.canceled_at))
      expect(manual).toEqual([])

      const rest = await charge(orderId, 70)
      expect(rest.status).toBe(201)
      expect(rest.data.order).toMatchObject({ paid_total: 100, outstanding: 0, payment_status: "captured" })
      const paid = await adminOrder(orderId)
      expect(paid.payment_status).toBe("captured")
      expect(Number(paid.summary.pending_difference)).toBe(0)
      expect((await charge(orderId, 1)).status).toBe(409)
    })

    it("an order whose edit added 50.00 after it was paid: the difference is outstanding, charging it makes the order captured", async () => {
      const order = await createUnpaidOrder(getContainer(), { amount: 50 })
      expect((await charge(order.id, 50)).data.order).toMatchObject({ outstanding: 0, payment_status: "captured" })

      // The admin edits the order: one more of the same item (another 50.00).
      await editQuantity(order.id, 2)

      const edited = await adminOrder(order.id)
      expect(Number(edited.summary.pending_difference)).toBe(50)
      expect(edited.payment_status).not.toBe("captured")
      const summary = (await api.get(`/admin/stripe-collect/orders/${order.id}`, { headers })).data
      expect(summary.order).toMatchObject({ outstanding: 50, payable: true })

      const difference = await charge(order.id, 50)
      expect(difference.status).toBe(201)
      expect(difference.data.order).toMatchObject({ paid_total: 100, outstanding: 0, payment_status: "captured" })
      const paid = await adminOrder(order.id)
      expect(paid.payment_status).toBe("captured")
      expect(Number(paid.summary.pending_difference)).toBe(0)
    })

    it("an order whose edit added 50.00 while 30.00 of 50.00 was paid: partially captured until all 70.00 is charged", async () => {
      const order = await createUnpaidOrder(getContainer(), { amount: 50 })
      expect((await charge(order.id, 30)).data.order).toMatchObject({ outstanding: 20, payment_status: "partially_captured" })

      await editQuantity(order.id, 2)
      expect(Number((await adminOrder(order.id)).summary.pending_difference)).toBe(70)

      const part = await charge(order.id, 40)
      expect(part.data.order).toMatchObject({ paid_total: 70, outstanding: 30, payment_status: "partially_captured" })
      expect((await adminOrder(order.id)).payment_status).toBe("partially_captured")
      const rest = await charge(order.id, 30)
      expect(rest.data.order).toMatchObject({ paid_total: 100, outstanding: 0, payment_status: "captured" })
      expect((await adminOrder(order.id)).payment_status).toBe("captured")
    })
  },
})
