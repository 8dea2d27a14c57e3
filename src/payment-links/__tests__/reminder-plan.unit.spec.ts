import { addDays } from "../due-dates"
import {
  DEFAULT_REMINDER_SCHEDULE,
  nextReminderDay,
  planReminder,
  reminderStepLabel,
  scheduleProblem,
  stepDueBy,
  type LinkForReminders,
  type ReminderPlan,
} from "../reminder-plan"

const OPEN = { canceled: false, outstanding: 100 }
const noon = (day: string) => new Date(`${day}T12:00:00Z`)

/** Runs the planner day by day from `from` for `days` days, applying what it plans as the job does. */
function simulate(link: LinkForReminders, from: string, days: number, order = OPEN, schedule = DEFAULT_REMINDER_SCHEDULE, expiryDays = 0) {
  const sent: { day: string; plan: ReminderPlan }[] = []
  let state = { ...link }
  for (let i = 0; i < days; i++) {
    const today = addDays(from, i)
    const plan = planReminder({ link: state, order, schedule, today, now: noon(today), expiryDays })
    if (!plan) continue
    sent.push({ day: today, plan })
    state = {
      ...state,
      last_reminder_on: today,
      ...(plan.kind === "schedule" ? { reminder_step: plan.step } : { reminder_sent_at: noon(today) }),
    }
  }
  return sent
}

const link = (over: Partial<LinkForReminders> = {}): LinkForReminders => ({
  status: "sent",
  due_date: "2026-12-31",
  sent_day: "2026-12-01",
  last_reminder_on: null,
  reminder_step: null,
  expires_at: "2027-03-01T00:00:00Z",
  reminder_sent_at: null,
  ...over,
})

describe("reminder planner", () => {
  it("sends the default schedule exactly on its days: 3 before, on, 7 and 14 after the due date", () => {
    expect(simulate(link(), "2026-12-01", 60)).toEqual([
      { day: "2026-12-28", plan: { kind: "schedule", step: -3 } },
      { day: "2026-12-31", plan: { kind: "schedule", step: 0 } },
      { day: "2027-01-07", plan: { kind: "schedule", step: 7 } },
      { day: "2027-01-14", plan: { kind: "schedule", step: 14 } },
    ])
  })

  it("skips steps turned off, and steps on or before the day the link was sent (its own email said it)", () => {
    const schedule = DEFAULT_REMINDER_SCHEDULE.map((s) => ({ ...s, enabled: s.days !== 7 }))
    expect(simulate(link(), "2026-12-01", 60, OPEN, schedule).map((s) => s.day)).toEqual(["2026-12-28", "2026-12-31", "2027-01-14"])
    // Due on receipt: due the day it is sent, so the first reminder is 7 days later.
    const onReceipt = link({ due_date: "2026-12-01", sent_day: "2026-12-01" })
    expect(simulate(onReceipt, "2026-12-01", 30).map((s) => s.day)).toEqual(["2026-12-08", "2026-12-15"])
  })

  it("never reminds a paid, processing, canceled or expired link, nor one whose order is canceled or settled", () => {
    for (const status of ["paid", "processing", "canceled", "expired"]) {
      expect(simulate(link({ status }), "2026-12-01", 60)).toEqual([])
    }
    expect(simulate(link(), "2026-12-01", 60, { canceled: true, outstanding: 100 })).toEqual([])
    expect(simulate(link(), "2026-12-01", 60, { canceled: false, outstanding: 0 })).toEqual([])
    // A link that expires on Jan 5 gets no reminder after that.
    expect(simulate(link({ expires_at: "2027-01-05T00:00:00Z" }), "2026-12-01", 60).map((s) => s.day)).toEqual(["2026-12-28", "2026-12-31"])
  })

  it("sends at most one a day: a reminder sent by hand today holds the schedule's until tomorrow", () => {
    const plan = planReminder({
      link: link({ last_reminder_on: "2026-12-28" }),
      order: OPEN,
      schedule: DEFAULT_REMINDER_SCHEDULE,
      today: "2026-12-28",
      now: noon("2026-12-28"),
      expiryDays: 3,
    })
    expect(plan).toBeNull()
    // The next day the missed step goes out (late by one day), once.
    expect(simulate(link({ last_reminder_on: "2026-12-28" }), "2026-12-28", 4).map((s) => [s.day, s.plan])).toEqual([
      ["2026-12-29", { kind: "schedule", step: -3 }],
      ["2026-12-31", { kind: "schedule", step: 0 }],
    ])
  })

  it("after days without a run sends only the latest missed step, never a burst", () => {
    // The job did not run from Dec 27 to Jan 8: on Jan 8 it sends the 7-days-after step, not three emails.
    const plan = planReminder({
      link: link(),
      order: OPEN,
      schedule: DEFAULT_REMINDER_SCHEDULE,
      today: "2027-01-08",
      now: noon("2027-01-08"),
      expiryDays: 0,
    })
    expect(plan).toEqual({ kind: "schedule", step: 7 })
  })

  it("keeps the one reminder before expiry for links without a due date, and when no step is due", () => {
    const old = link({ due_date: null, expires_at: "2026-12-20T00:00:00Z" })
    expect(simulate(old, "2026-12-01", 30, OPEN, DEFAULT_REMINDER_SCHEDULE, 3)).toEqual([{ day: "2026-12-17", plan: { kind: "expiry" } }])
    // With a due date the schedule goes first; the expiry reminder comes on a later day of its window.
    const both = link({ due_date: "2026-12-20", expires_at: "2026-12-21T00:00:00Z" })
    expect(simulate(both, "2026-12-01", 30, OPEN, DEFAULT_REMINDER_SCHEDULE, 3).map((s) => [s.day, s.plan!.kind])).toEqual([
      ["2026-12-17", "schedule"],
      ["2026-12-18", "expiry"],
      ["2026-12-20", "schedule"],
    ])
  })

  it("words steps, finds the next one, and refuses odd schedules", () => {
    expect(reminderStepLabel(-3)).toBe("3 days before the due date")
    expect(reminderStepLabel(0)).toBe("on the due date")
    expect(reminderStepLabel(1)).toBe("1 day after the due date")
    expect(nextReminderDay(link(), DEFAULT_REMINDER_SCHEDULE, "2026-12-10")).toBe("2026-12-28")
    expect(nextReminderDay(link({ reminder_step: 7 }), DEFAULT_REMINDER_SCHEDULE, "2027-01-07")).toBe("2027-01-14")
    expect(nextReminderDay(link({ reminder_step: 14 }), DEFAULT_REMINDER_SCHEDULE, "2027-01-14")).toBeNull()
    // A reminder sent by hand stands in for the step due by then.
    expect(stepDueBy("2026-12-31", DEFAULT_REMINDER_SCHEDULE, "2026-12-29")).toBe(-3)
    expect(stepDueBy("2026-12-31", DEFAULT_REMINDER_SCHEDULE, "2026-12-20")).toBeNull()
    expect(stepDueBy(null, DEFAULT_REMINDER_SCHEDULE, "2026-12-29")).toBeNull()
    expect(scheduleProblem(DEFAULT_REMINDER_SCHEDULE)).toBeNull()
    expect(
      scheduleProblem([
        { days: 3, enabled: true },
        { days: 3, enabled: false },
      ])
    ).toMatch(/twice/)
    expect(scheduleProblem([{ days: 400, enabled: true }])).toMatch(/-60/)
  })
})
