// The product the demo orders are for: one variant, priced in every demo currency.
import { createProductsWorkflow } from "@medusajs/medusa/core-flows"
import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { DEMO_PRODUCT } from "./demo-data"
import type { SeededShipping } from "./shipping"
import type { SeededStore } from "./store"

export type SeededProduct = { product_id: string; variant_id: string; title: string }

export async function seedCatalog(container: MedusaContainer, store: SeededStore, shipping: SeededShipping): Promise<SeededProduct> {
  const products = container.resolve(Modules.PRODUCT)
  const [existing] = await products.listProducts({ handle: DEMO_PRODUCT.handle }, { relations: ["variants"] })
  if (existing?.variants?.[0]) {
    return { product_id: existing.id, variant_id: existing.variants[0].id, title: existing.title }
  }
  const { result } = await createProductsWorkflow(container).run({
    input: {
      products: [
        {
          title: DEMO_PRODUCT.title,
          handle: DEMO_PRODUCT.handle,
          description: DEMO_PRODUCT.description,
          status: "published",
          shipping_profile_id: shipping.shipping_profile_id,
          options: [{ title: "Finish", values: ["Oiled oak"] }],
          variants: [
            {
              title: "Oiled oak",
              sku: DEMO_PRODUCT.sku,
              options: { Finish: "Oiled oak" },
              manage_inventory: false,
              prices: Object.entries(DEMO_PRODUCT.prices).map(([currency_code, amount]) => ({ currency_code, amount })),
            },
          ],
          sales_channels: [{ id: store.sales_channel_id }],
        },
      ],
    },
  })
  const product = result[0]
  const variant = product.variants?.[0]
  if (!variant) throw new Error(`"${DEMO_PRODUCT.title}" was created without its variant`)
  return { product_id: product.id, variant_id: variant.id, title: product.title }
}
