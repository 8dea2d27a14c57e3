import type { StripeRecordingResult } from "../ledger/record-from-stripe"
import { ignored, processed, type EventOutcome } from "./types"

/** What the ledger's answer means for the event's row ("not_ours" is for the handler to look further). */
export function ledgerOutcome(result: Exclude<StripeRecordingResult, "not_ours">): EventOutcome {
  if (result === "mismatch") {
    // Claimed by an attempt but amount, currency, account or order disagree: the ledger never records it.
    return ignored("ledger: mismatch with the attempt that claims it, not recorded")
  }
  return processed(`ledger: ${result}`)
}
