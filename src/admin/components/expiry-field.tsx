import { Hint, Input, Label } from "@medusajs/ui"
import { earliestExpiryDay, latestExpiryDay } from "../lib/payment-link-expiry"

type Props = { value: string; onChange: (value: string) => void; problem: string | null; disabled?: boolean }

/** The last day the customer can pay by the link (at most one year ahead). */
export function ExpiryField({ value, onChange, problem, disabled }: Props) {
  const id = "stripe-collect-link-expiry"
  return (
    <div className="flex flex-col gap-y-1.5">
      <Label htmlFor={id} size="small" weight="plus">
        Link expires
      </Label>
      <Input
        id={id}
        type="date"
        value={value}
        min={earliestExpiryDay()}
        max={latestExpiryDay()}
        onChange={(event) => onChange(event.target.value)}
        disabled={disabled}
        aria-invalid={problem !== null}
        aria-describedby={`${id}-hint`}
        data-testid="stripe-collect-link-expiry"
      />
      {problem ? (
        <Hint variant="error" id={`${id}-hint`}>
          {problem}
        </Hint>
      ) : (
        <Hint id={`${id}-hint`}>The link stops working at the end of this day.</Hint>
      )}
    </div>
  )
}
