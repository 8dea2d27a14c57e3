import { Button, Container, Heading, Hint, Input, Label, Switch, Text, toast } from "@medusajs/ui"
import { useMemo, useState, type FormEvent } from "react"
import { useSaveReminderSettings, type ReminderStep, type StripeSettings } from "../../../../lib/stripe-settings"

/** "3 days before the due date", "On the due date", "7 days after the due date". */
function stepLabel(days: number): string {
  if (days === 0) return "On the due date"
  const n = Math.abs(days)
  return `${n} day${n === 1 ? "" : "s"} ${days < 0 ? "before" : "after"} the due date`
}

const knownTimeZone = (name: string) => {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name })
    return name.length > 0
  } catch {
    return false
  }
}

// The store's time zone (due dates are its calendar days) and which reminders the daily job emails.
export function RemindersSection({ settings }: { settings: StripeSettings }) {
  const saved = settings.reminders
  const [timeZone, setTimeZone] = useState(saved.time_zone)
  const [steps, setSteps] = useState<ReminderStep[]>(saved.reminder_schedule)
  const [error, setError] = useState<string | null>(null)
  const save = useSaveReminderSettings()
  const zones = useMemo(() => {
    const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf
    return supported ? ["UTC", ...supported("timeZone")] : ["UTC"]
  }, [])

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault()
    const zone = timeZone.trim()
    if (!knownTimeZone(zone)) {
      setError("Enter a time zone name such as Europe/Berlin, America/New_York or UTC")
      return
    }
    setError(null)
    try {
      await save.mutateAsync({ time_zone: zone, reminder_schedule: steps })
      const on = steps.filter((step) => step.enabled).length
      toast.success("Due dates and reminders saved", {
        description: on ? `${on} reminder${on === 1 ? "" : "s"} per invoice, in ${zone}.` : `No scheduled reminders; due dates in ${zone}.`,
      })
    } catch (failure) {
      const message = failure instanceof Error ? failure.message : String(failure)
      if (message.includes("time_zone")) setError(message.replace(/^Invalid request: /, ""))
      else toast.error("Could not save the reminder settings", { description: message })
    }
  }

  return (
    <Container className="divide-y p-0" data-testid="stripe-collect-reminders">
      <div className="px-6 py-4">
        <Heading level="h2">Due dates and reminders</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          Due dates are days in the store's time zone; a link is overdue once its due day has ended there. Open links get the reminders
          below by email (with the same invoice), at most one a day, never once paid, canceled or while a bank payment is processing.
        </Text>
      </div>
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-y-4 px-6 py-4">
        <div className="flex flex-col gap-y-2">
          <Label htmlFor="stripe-collect-time-zone" size="small" weight="plus">
            Store time zone
          </Label>
          <Input
            id="stripe-collect-time-zone"
            list="stripe-collect-time-zones"
            value={timeZone}
            onChange={(event) => setTimeZone(event.target.value)}
            aria-invalid={Boolean(error)}
            data-testid="stripe-collect-time-zone"
          />
          <datalist id="stripe-collect-time-zones">
            {zones.map((zone) => (
              <option key={zone} value={zone} />
            ))}
          </datalist>
          {error ? <Hint variant="error">{error}</Hint> : <Hint>An IANA name such as Europe/Berlin; UTC by default.</Hint>}
        </div>
        <fieldset className="flex flex-col gap-y-3">
          <legend className="txt-compact-small-plus mb-2">Reminder emails</legend>
          {steps.map((step, index) => {
            const id = `stripe-collect-reminder-${step.days}`
            return (
              <div key={step.days} className="flex items-center gap-x-2">
                <Switch
                  id={id}
                  checked={step.enabled}
                  onCheckedChange={(checked) => setSteps((all) => all.map((s, i) => (i === index ? { ...s, enabled: checked } : s)))}
                  data-testid={id}
                />
                <Label htmlFor={id} size="small">
                  {stepLabel(step.days)}
                </Label>
              </div>
            )
          })}
        </fieldset>
        <div className="flex justify-end">
          <Button type="submit" size="small" isLoading={save.isPending} data-testid="stripe-collect-reminders-save">
            Save
          </Button>
        </div>
      </form>
    </Container>
  )
}
