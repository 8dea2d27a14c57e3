import { Module } from "@medusajs/framework/utils"
import StripeCollectModuleService from "./service"

export const STRIPE_COLLECT_MODULE = "stripeCollect"

export default Module(STRIPE_COLLECT_MODULE, {
  service: StripeCollectModuleService,
})
