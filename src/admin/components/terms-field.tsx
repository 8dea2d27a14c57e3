import { Hint, Input, Label, Select } from "@medusajs/ui"
import { formatCalendarDay, TERMS_OPTIONS, type PaymentTerms } from "../lib/payment-terms"

type Props = {
  terms: PaymentTerms
  onTermsChange: (terms: PaymentTerms) => void
  /** The chosen day with terms "On a date". */
  dueDay: string
  onDueDayChange: (day: string) => void
  /** The due date the terms give (shown under the field). */
  dueDate: string | null
  timeZone: string
  problem: string | null
  minDay: string
  disabled?: boolean
}

/** Payment terms: due on receipt, net 7 to 60, or a date; the due date goes on the invoice, email and pay page. */
export function TermsField({ terms, onTermsChange, dueDay, onDueDayChange, dueDate, timeZone, problem, minDay, disabled }: Props) {
  const id = "stripe-collect-link-terms"
  return (
    <div className="flex flex-col gap-y-1.5">
      <Label htmlFor={id} size="small" weight="plus">
        Payment terms
      </Label>
      <Select value={terms} onValueChange={(value) => onTermsChange(value as PaymentTerms)} disabled={disabled}>
        <Select.Trigger id={id} data-testid="stripe-collect-link-terms" aria-describedby={`${id}-hint`}>
          <Select.Value />
        </Select.Trigger>
        <Select.Content>
          {TERMS_OPTIONS.map((option) => (
            <Select.Item key={option.value} value={option.value} data-testid={`stripe-collect-link-terms-${option.value}`}>
              {option.label}
            </Select.Item>
          ))}
        </Select.Content>
      </Select>
      {terms === "date" && (
        <Input
          type="date"
          aria-label="Due date"
          value={dueDay}
          min={minDay}
          onChange={(event) => onDueDayChange(event.target.value)}
          disabled={disabled}
          aria-invalid={problem !== null}
          data-testid="stripe-collect-link-due-date"
        />
      )}
      {problem ? (
        <Hint variant="error" id={`${id}-hint`}>
          {problem}
        </Hint>
      ) : (
        <Hint id={`${id}-hint`} data-testid="stripe-collect-link-due-hint">
          {dueDate ? `Due ${formatCalendarDay(dueDate)}` : "Choose the due date"}
          {timeZone !== "UTC" ? ` (${timeZone})` : ""}. Shown on the invoice, the email and the pay page; reminders follow the schedule in
          Settings → Stripe. The link itself can still be paid after the due date, until it expires.
        </Hint>
      )}
    </div>
  )
}
