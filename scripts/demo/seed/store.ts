// The store itself: currencies, a sales channel with a publishable key, and a region per currency.
import {
  createApiKeysWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  updateRegionsWorkflow,
  updateStoresWorkflow,
} from "@medusajs/medusa/core-flows"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import {
  DEMO_REGIONS,
  MANUAL_PROVIDER_ID,
  PUBLISHABLE_KEY_TITLE,
  SALES_CHANNEL_NAME,
  STORE_NAME,
  STRIPE_COLLECT_PROVIDER_ID,
  type DemoRegion,
} from "./demo-data"

export type SeededRegion = DemoRegion & { id: string }

export type SeededStore = {
  store_id: string
  sales_channel_id: string
  publishable_key: string
  regions: Record<DemoRegion["currency"], SeededRegion>
}

/** The store Medusa created at first boot, named and selling in the demo's currencies. */
async function nameTheStore(container: MedusaContainer, salesChannelId: string) {
  const storeModule = container.resolve(Modules.STORE)
  const [store] = await storeModule.listStores({}, { relations: ["supported_currencies"] })
  if (!store) throw new Error("Medusa has not created its default store; start the app once and retry")
  const currencies = DEMO_REGIONS.map((region) => region.currency)
  const supported = new Set((store.supported_currencies ?? []).map((c) => c.currency_code))
  const upToDate = store.name === STORE_NAME && currencies.every((code) => supported.has(code))
  if (!upToDate) {
    await updateStoresWorkflow(container).run({
      input: {
        selector: { id: store.id },
        update: {
          name: STORE_NAME,
          default_sales_channel_id: store.default_sales_channel_id ?? salesChannelId,
          supported_currencies: currencies.map((currency_code) => ({
            currency_code,
            is_default: currency_code === "usd",
          })),
        },
      },
    })
  }
  return store.id
}

async function salesChannel(container: MedusaContainer) {
  const salesChannels = container.resolve(Modules.SALES_CHANNEL)
  const [existing] = await salesChannels.listSalesChannels({ name: SALES_CHANNEL_NAME })
  if (existing) return existing.id
  const { result } = await createSalesChannelsWorkflow(container).run({
    input: { salesChannelsData: [{ name: SALES_CHANNEL_NAME, description: "The storefront of the demo" }] },
  })
  return result[0].id
}

async function publishableKey(container: MedusaContainer, salesChannelId: string) {
  const apiKeys = container.resolve(Modules.API_KEY)
  const [existing] = await apiKeys.listApiKeys({ title: PUBLISHABLE_KEY_TITLE, type: "publishable" })
  if (existing) return existing.token
  const { result } = await createApiKeysWorkflow(container).run({
    input: { api_keys: [{ title: PUBLISHABLE_KEY_TITLE, type: "publishable", created_by: "" }] },
  })
  await linkSalesChannelsToApiKeyWorkflow(container).run({ input: { id: result[0].id, add: [salesChannelId] } })
  return result[0].token
}

/** A region per currency, with the plugin's provider and Medusa's manual provider enabled. */
async function region(container: MedusaContainer, demo: DemoRegion): Promise<SeededRegion> {
  const providers = [STRIPE_COLLECT_PROVIDER_ID, MANUAL_PROVIDER_ID]
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "region",
    fields: ["id", "payment_providers.id"],
    filters: { currency_code: demo.currency },
  })
  const existing = data[0]
  if (existing) {
    const enabled = new Set<string | undefined>((existing.payment_providers ?? []).map((p: { id: string } | null) => p?.id))
    if (!providers.every((id) => enabled.has(id))) {
      await updateRegionsWorkflow(container).run({
        input: {
          selector: { id: existing.id },
          update: { payment_providers: [...new Set([...enabled, ...providers])].filter((id): id is string => Boolean(id)) },
        },
      })
    }
    return { ...demo, id: existing.id }
  }
  const { result } = await createRegionsWorkflow(container).run({
    input: {
      regions: [
        {
          name: demo.name,
          currency_code: demo.currency,
          countries: demo.countries,
          payment_providers: providers,
          automatic_taxes: false,
        },
      ],
    },
  })
  return { ...demo, id: result[0].id }
}

export async function seedStore(container: MedusaContainer): Promise<SeededStore> {
  const salesChannelId = await salesChannel(container)
  const storeId = await nameTheStore(container, salesChannelId)
  const key = await publishableKey(container, salesChannelId)
  const regions = {} as SeededStore["regions"]
  for (const demo of DEMO_REGIONS) {
    regions[demo.currency] = await region(container, demo)
  }
  return { store_id: storeId, sales_channel_id: salesChannelId, publishable_key: key, regions }
}
