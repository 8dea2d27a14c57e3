import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"

/** The order page's layout zone in Medusa 2.21's layout composer. */
export const ORDER_PAGE_ZONE = "order.details"
/** `widget:` + the `id` in src/admin/widgets/order-stripe-collect.tsx's config. */
export const STRIPE_CARD_WIDGET_ID = "widget:stripe-collect-order"

/**
 * Medusa 2.21 lays out widget zones itself: a side-column widget goes below Customer and Activity,
 * out of sight. Once per database, the store's default order-page layout puts the Stripe card at
 * the top of the side column — unless the merchant already placed it; each admin can still move it.
 */
export default async function placeStripeCardOnOrderPage({ container }: { container: MedusaContainer }) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  if (!container.hasRegistration(Modules.SETTINGS)) return
  const settings = container.resolve(Modules.SETTINGS)
  const current = await settings.getSystemDefaultLayoutConfiguration(ORDER_PAGE_ZONE)
  const widgets = current?.configuration?.widgets ?? {}
  if (widgets[STRIPE_CARD_WIDGET_ID]) return
  // Core sections have order 0: below zero comes first in its section.
  await settings.setSystemDefaultLayoutConfiguration(ORDER_PAGE_ZONE, {
    widgets: { ...widgets, [STRIPE_CARD_WIDGET_ID]: { order: -1 } },
  })
  logger.info("stripe-collect: the Stripe card now opens the order page's side column (Customize layout moves it)")
}
