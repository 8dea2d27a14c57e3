import { ExclamationCircle } from "@medusajs/icons"
import { Button, Text } from "@medusajs/ui"

type Props = { message: string; retrying: boolean; onRetry: () => void }

/** The card could not load: say why and let the admin try again. */
export function StripeCardError({ message, retrying, onRetry }: Props) {
  return (
    <div className="flex flex-col items-start gap-y-3 px-6 py-4" role="alert" data-testid="stripe-collect-load-error">
      <div className="flex items-start gap-x-2">
        <ExclamationCircle className="text-ui-fg-error mt-0.5 shrink-0" />
        <Text size="small" className="text-ui-fg-subtle">
          Could not load the Stripe details for this order. {message}
        </Text>
      </div>
      <Button size="small" variant="secondary" onClick={onRetry} isLoading={retrying}>
        Retry
      </Button>
    </div>
  )
}
