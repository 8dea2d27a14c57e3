import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import placeStripeCardOnOrderPage, {
  ORDER_PAGE_ZONE,
  STRIPE_CARD_WIDGET_ID,
} from "../../src/migration-scripts/place-stripe-card-on-order-page"
import { createAdminHeaders } from "../helpers/admin"

/**
 * Medusa 2.21 puts side-column widgets below Customer and Activity. The migration script makes the
 * store's default order-page layout open the side column with the Stripe card, once, and never
 * overrides a placement the merchant chose (the dashboard's "Customize layout").
 */

jest.setTimeout(300_000)

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: Record<string, string>
    const layout = async () => (await api.get(`/admin/layouts/${ORDER_PAGE_ZONE}/configuration`, { headers })).data

    beforeEach(async () => {
      ;({ headers } = await createAdminHeaders(getContainer()))
    })

    it("puts the Stripe card first in the order page's side column for every admin without a layout of their own", async () => {
      expect((await layout()).default_configuration).toBeNull()
      await placeStripeCardOnOrderPage({ container: getContainer() })
      const placed = await layout()
      expect(placed.default_configuration.configuration.widgets).toEqual({ [STRIPE_CARD_WIDGET_ID]: { order: -1 } })
      expect(placed.personal_configuration).toBeNull()
      expect(placed.active_scope).toBe("default")
      // Run again (another db:migrate): nothing changes.
      await placeStripeCardOnOrderPage({ container: getContainer() })
      expect((await layout()).default_configuration.configuration).toEqual(placed.default_configuration.configuration)
    })

    it("keeps the merchant's own placement and the rest of their default layout", async () => {
      const mine = { widgets: { [STRIPE_CARD_WIDGET_ID]: { order: 5, section: "main" }, "core:OrderActivitySection": { hidden: true } } }
      await api.post(`/admin/layouts/${ORDER_PAGE_ZONE}/configuration`, { is_default: true, configuration: mine }, { headers })
      await placeStripeCardOnOrderPage({ container: getContainer() })
      expect((await layout()).default_configuration.configuration).toEqual(mine)
    })

    it("adds the card to a default layout that does not place it yet, keeping the other widgets' settings", async () => {
      const theirs = { widgets: { "core:OrderActivitySection": { hidden: true } } }
      await api.post(`/admin/layouts/${ORDER_PAGE_ZONE}/configuration`, { is_default: true, configuration: theirs }, { headers })
      await placeStripeCardOnOrderPage({ container: getContainer() })
      expect((await layout()).default_configuration.configuration.widgets).toEqual({
        ...theirs.widgets,
        [STRIPE_CARD_WIDGET_ID]: { order: -1 },
      })
    })
  },
})
