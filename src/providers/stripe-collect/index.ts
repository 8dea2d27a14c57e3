import { ModuleProvider, Modules } from "@medusajs/framework/utils"
import StripeCollectProviderService from "./service"

export default ModuleProvider(Modules.PAYMENT, {
  services: [StripeCollectProviderService],
})
