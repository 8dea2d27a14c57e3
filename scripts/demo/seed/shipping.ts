// Where goods ship from and how: a warehouse, a service zone covering the demo's countries, a flat rate per region.
import {
  createLocationFulfillmentSetWorkflow,
  createShippingOptionsWorkflow,
  createShippingProfilesWorkflow,
  createStockLocationsWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
} from "@medusajs/medusa/core-flows"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { DEMO_REGIONS, FULFILLMENT_SET_NAME, STOCK_LOCATION_NAME } from "./demo-data"
import type { SeededStore } from "./store"

const MANUAL_FULFILLMENT = "manual_manual"

export type SeededShipping = {
  shipping_profile_id: string
  /** Shipping option id per currency. */
  options: Record<string, { id: string; name: string; amount: number }>
}

async function stockLocation(container: MedusaContainer, salesChannelId: string) {
  const locations = container.resolve(Modules.STOCK_LOCATION)
  const [existing] = await locations.listStockLocations({ name: STOCK_LOCATION_NAME })
  if (existing) return existing.id
  const { result } = await createStockLocationsWorkflow(container).run({
    input: { locations: [{ name: STOCK_LOCATION_NAME, address: { address_1: "1 Workshop Lane", city: "Portland", country_code: "us" } }] },
  })
  const id = result[0].id
  await linkSalesChannelsToStockLocationWorkflow(container).run({ input: { id, add: [salesChannelId] } })
  await container.resolve(ContainerRegistrationKeys.LINK).create({
    [Modules.STOCK_LOCATION]: { stock_location_id: id },
    [Modules.FULFILLMENT]: { fulfillment_provider_id: MANUAL_FULFILLMENT },
  })
  return id
}

async function serviceZone(container: MedusaContainer, locationId: string) {
  const fulfillment = container.resolve(Modules.FULFILLMENT)
  let [set] = await fulfillment.listFulfillmentSets({ name: FULFILLMENT_SET_NAME }, { relations: ["service_zones"] })
  if (!set) {
    await createLocationFulfillmentSetWorkflow(container).run({
      input: { location_id: locationId, fulfillment_set_data: { name: FULFILLMENT_SET_NAME, type: "shipping" } },
    })
    ;[set] = await fulfillment.listFulfillmentSets({ name: FULFILLMENT_SET_NAME }, { relations: ["service_zones"] })
  }
  const existing = set.service_zones?.[0]
  if (existing) return existing.id
  const zone = await fulfillment.createServiceZones({
    name: "Everywhere we ship",
    fulfillment_set_id: set.id,
    geo_zones: DEMO_REGIONS.flatMap((region) => region.countries.map((country_code) => ({ type: "country" as const, country_code }))),
  })
  return zone.id
}

async function shippingProfile(container: MedusaContainer) {
  const fulfillment = container.resolve(Modules.FULFILLMENT)
  const [existing] = await fulfillment.listShippingProfiles({ type: "default" })
  if (existing) return existing.id
  const { result } = await createShippingProfilesWorkflow(container).run({
    input: { data: [{ name: "Default shipping profile", type: "default" }] },
  })
  return result[0].id
}

export async function seedShipping(container: MedusaContainer, store: SeededStore): Promise<SeededShipping> {
  const locationId = await stockLocation(container, store.sales_channel_id)
  const zoneId = await serviceZone(container, locationId)
  const profileId = await shippingProfile(container)
  const fulfillment = container.resolve(Modules.FULFILLMENT)
  const options: SeededShipping["options"] = {}
  for (const demo of DEMO_REGIONS) {
    const name = `Standard shipping (${demo.currency.toUpperCase()})`
    let [option] = await fulfillment.listShippingOptions({ name })
    if (!option) {
      const region = store.regions[demo.currency]
      const { result } = await createShippingOptionsWorkflow(container).run({
        input: [
          {
            name,
            service_zone_id: zoneId,
            shipping_profile_id: profileId,
            provider_id: MANUAL_FULFILLMENT,
            price_type: "flat",
            type: { label: "Standard", description: "Delivered in 3–5 business days", code: `standard-${demo.currency}` },
            prices: [
              { currency_code: demo.currency, amount: demo.shipping },
              { region_id: region.id, amount: demo.shipping },
            ],
            rules: [],
          },
        ],
      })
      option = result[0]
    }
    options[demo.currency] = { id: option.id, name, amount: demo.shipping }
  }
  return { shipping_profile_id: profileId, options }
}
