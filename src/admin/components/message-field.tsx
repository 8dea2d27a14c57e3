import { Hint, Label, Textarea } from "@medusajs/ui"

export const MESSAGE_MAX_LENGTH = 1000

type Props = { value: string; onChange: (value: string) => void; disabled?: boolean }

/** An optional note to the customer in the email, with a character counter. */
export function MessageField({ value, onChange, disabled }: Props) {
  const id = "stripe-collect-link-message"
  return (
    <div className="flex flex-col gap-y-1.5">
      <Label htmlFor={id} size="small" weight="plus">
        Message to the customer (optional)
      </Label>
      <Textarea
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        maxLength={MESSAGE_MAX_LENGTH}
        rows={4}
        disabled={disabled}
        aria-describedby={`${id}-counter`}
        data-testid="stripe-collect-link-message"
      />
      <Hint id={`${id}-counter`} className="self-end">
        {value.length.toLocaleString()} / {MESSAGE_MAX_LENGTH.toLocaleString()} characters
      </Hint>
    </div>
  )
}
