import { Alert, Button, Text } from "@medusajs/ui"
import type { ChargeProblem } from "../lib/charge-problem"

type Props = {
  problem: ChargeProblem
  /** "$30.00", for the offer to email a link instead. */
  amountLabel: string
  onSendLinkInstead: () => void
}

/** Why the charge did not go through, and what to do next. */
export function ChargeProblemAlert({ problem, amountLabel, onSendLinkInstead }: Props) {
  return (
    <Alert variant={problem.kind === "retryable" ? "warning" : "error"} data-testid="stripe-collect-charge-error">
      <div className="flex flex-col items-start gap-y-2" role="alert">
        <Text size="small">{problem.message}</Text>
        {problem.kind === "declined" && problem.declineCode && (
          <Text size="xsmall" className="text-ui-fg-subtle">
            Decline code: {problem.declineCode}. Nothing was charged.
          </Text>
        )}
        {problem.kind === "retryable" && (
          <Text size="xsmall" className="text-ui-fg-subtle">
            Press Charge again to retry with the same details — the card will not be charged twice.
          </Text>
        )}
        {problem.kind === "authentication_required" && (
          <Button size="small" variant="secondary" type="button" onClick={onSendLinkInstead} data-testid="stripe-collect-charge-offer-link">
            Send payment link for {amountLabel} instead
          </Button>
        )}
      </div>
    </Alert>
  )
}
