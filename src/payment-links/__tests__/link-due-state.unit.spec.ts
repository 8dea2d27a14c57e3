import { linkDueState } from "../link-due-state"

const now = new Date("2026-12-10T12:00:00Z")
const link = (status: string, due_date: string | null = "2026-12-05", expires_at = "2027-01-30T00:00:00Z") => ({
  status,
  due_date,
  expires_at,
})
const OWED = { canceled: false, outstanding: 50 }

describe("overdue", () => {
  it("is an open link past its due day with money owed; expiry stays separate", () => {
    expect(linkDueState(link("sent"), OWED, now, "UTC")).toEqual({ state: "overdue", days_overdue: 5 })
    expect(linkDueState(link("viewed", "2026-12-10"), OWED, now, "UTC")).toEqual({ state: "open", days_overdue: 0 })
    // Due Dec 9 in Honolulu (UTC-10): at 12:00 UTC on Dec 10 it is 02:00 on the 10th there, one day late.
    expect(linkDueState(link("sent", "2026-12-09"), OWED, now, "Pacific/Honolulu")).toEqual({ state: "overdue", days_overdue: 1 })
  })

  it("is never a processing bank debit, a paid, canceled or expired link, a canceled order or one with nothing owed", () => {
    expect(linkDueState(link("processing"), OWED, now, "UTC").state).toBe("processing")
    expect(linkDueState(link("paid"), OWED, now, "UTC").state).toBe("paid")
    expect(linkDueState(link("canceled"), OWED, now, "UTC").state).toBe("canceled")
    expect(linkDueState(link("sent", "2026-12-05", "2026-12-08T00:00:00Z"), OWED, now, "UTC").state).toBe("expired")
    expect(linkDueState(link("sent"), { canceled: true, outstanding: 50 }, now, "UTC").state).toBe("open")
    expect(linkDueState(link("sent"), { canceled: false, outstanding: 0 }, now, "UTC").state).toBe("open")
    expect(linkDueState(link("sent", null), OWED, now, "UTC").state).toBe("open")
  })
})
