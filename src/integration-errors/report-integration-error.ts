import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { reportIntegrationErrorWorkflow } from "../workflows/report-integration-error"
import type { IntegrationErrorEmailStatus, ReportIntegrationErrorInput } from "./types"

/**
 * Reports an integration error from code that is already handling a failure: never throws,
 * so the original error stays the one the caller sees. Returns what happened to the email.
 */
export async function reportIntegrationError(
  container: MedusaContainer,
  input: ReportIntegrationErrorInput
): Promise<IntegrationErrorEmailStatus | "not_recorded"> {
  try {
    const { result } = await reportIntegrationErrorWorkflow(container).run({ input })
    return result.status
  } catch (e) {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .error(
        `stripe-collect: could not record integration error "${input.kind}" (${input.message}): ${
          e instanceof Error ? e.message : String(e)
        }`
      )
    return "not_recorded"
  }
}
