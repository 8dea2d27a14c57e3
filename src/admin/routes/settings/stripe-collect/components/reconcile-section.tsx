import { Button, Container, Heading, Text, toast } from "@medusajs/ui"
import { useReconcileWithStripe, type Reconciliation } from "../../../../lib/stripe-settings"

/** One sentence for the toast: what Stripe had that Medusa did not, and what could not be recorded. */
export function reconciliationSummary(r: Reconciliation): string {
  const parts = [
    r.recorded ? `recorded ${r.recorded} payment${r.recorded === 1 ? "" : "s"} Medusa had missed` : "Medusa already had every payment",
  ]
  if (r.not_charged) parts.push(`${r.not_charged} lost charge${r.not_charged === 1 ? " was" : "s were"} never charged`)
  if (r.failed) parts.push(`${r.failed} could not be checked or recorded — see Integration errors`)
  return `Checked ${r.checked} unsettled payment${r.checked === 1 ? "" : "s"} with Stripe: ${parts.join("; ")}.`
}

// Every 10 minutes a job compares Stripe with Medusa; this runs the same check now.
export function ReconcileSection() {
  const reconcile = useReconcileWithStripe()
  const run = () =>
    reconcile.mutate(undefined, {
      onSuccess: ({ reconciliation }) => {
        ;(reconciliation.failed ? toast.warning : toast.success)(reconciliationSummary(reconciliation))
      },
      onError: (error) => toast.error(`Could not check Stripe: ${error.message}`),
    })
  return (
    <Container className="flex items-center justify-between gap-x-4 px-6 py-4" data-testid="stripe-collect-reconcile">
      <div>
        <Heading level="h2">Payments Medusa may have missed</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          If Stripe's answer to a charge was lost, or a customer's return from Stripe never arrived, the payment is recorded automatically
          within 10 minutes. Check now to ask Stripe about every unsettled payment at once.
        </Text>
      </div>
      <Button variant="secondary" size="small" onClick={run} isLoading={reconcile.isPending} data-testid="stripe-collect-reconcile-button">
        Check Stripe now
      </Button>
    </Container>
  )
}
