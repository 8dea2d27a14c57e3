import { CurrencyInput, Hint, Label } from "@medusajs/ui"
import { amountProblem, currencyDecimals, currencySymbol, formatMoney, parseAmountInput, remainingAfter } from "../lib/money"

type Props = {
  id: string
  label: string
  currencyCode: string
  outstanding: number
  value: string
  onChange: (value: string) => void
  testId: string
  disabled?: boolean
  autoFocus?: boolean
}

/** An amount in the order's currency, limited to its decimals, that says when it is a partial payment. */
export function AmountField({ id, label, currencyCode, outstanding, value, onChange, testId, disabled, autoFocus }: Props) {
  const decimals = currencyDecimals(currencyCode)
  const amount = parseAmountInput(value)
  const problem = amountProblem(amount, outstanding, currencyCode)
  const remaining = amount !== null && !problem ? remainingAfter(amount, outstanding, currencyCode) : null
  const hintId = `${id}-hint`
  return (
    <div className="flex flex-col gap-y-1.5">
      <Label htmlFor={id} size="small" weight="plus">
        {label}
      </Label>
      <CurrencyInput
        id={id}
        name={id}
        code={currencyCode.toUpperCase()}
        symbol={currencySymbol(currencyCode)}
        value={value}
        onValueChange={(next) => onChange(next ?? "")}
        // The input cannot express "no decimals" (0 means its default of 2): typed decimals in JPY are
        // kept and reported, rather than the dot silently vanishing and 1234.5 becoming 12,345.
        decimalsLimit={Math.max(decimals, 1)}
        allowNegativeValue={false}
        disableAbbreviations
        inputMode="decimal"
        autoComplete="off"
        disabled={disabled}
        aria-invalid={problem !== null}
        aria-describedby={hintId}
        data-testid={testId}
        data-autofocus={autoFocus ? "" : undefined}
      />
      {problem ? (
        <Hint variant="error" id={hintId}>
          {problem}
        </Hint>
      ) : remaining !== null ? (
        <Hint id={hintId} data-testid="stripe-collect-partial-hint">
          Partial payment: {formatMoney(remaining, currencyCode)} will remain outstanding.
        </Hint>
      ) : (
        <Hint id={hintId}>The full {formatMoney(outstanding, currencyCode)} outstanding.</Hint>
      )}
    </div>
  )
}
