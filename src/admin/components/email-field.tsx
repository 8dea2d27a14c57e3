import { Hint, Input, Label } from "@medusajs/ui"

type Props = { value: string; onChange: (value: string) => void; problem: string | null; disabled?: boolean }

/** Who receives the invoice and link: the order's email, editable. */
export function EmailField({ value, onChange, problem, disabled }: Props) {
  const id = "stripe-collect-link-email"
  return (
    <div className="flex flex-col gap-y-1.5">
      <Label htmlFor={id} size="small" weight="plus">
        Send to
      </Label>
      <Input
        id={id}
        type="email"
        autoComplete="off"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        disabled={disabled}
        aria-invalid={problem !== null}
        aria-describedby={problem ? `${id}-hint` : undefined}
        data-testid="stripe-collect-link-email"
      />
      {problem && (
        <Hint variant="error" id={`${id}-hint`}>
          {problem}
        </Hint>
      )}
    </div>
  )
}
