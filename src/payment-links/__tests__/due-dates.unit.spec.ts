import {
  addDays,
  calendarDay,
  daysBetween,
  daysOverdue,
  dueDateFor,
  endOfDay,
  formatCalendarDay,
  isCalendarDay,
  isPastDue,
  isValidTimeZone,
  termsLabel,
} from "../due-dates"

describe("due dates", () => {
  it("counts net days across month and year ends, and leap days", () => {
    expect(dueDateFor("net_30", "2026-01-31")).toBe("2026-03-02")
    expect(dueDateFor("net_7", "2026-12-28")).toBe("2027-01-04")
    expect(dueDateFor("net_15", "2028-02-20")).toBe("2028-03-06") // 2028 is a leap year: Feb 29 counts
    expect(dueDateFor("net_60", "2026-11-15")).toBe("2027-01-14")
    expect(dueDateFor("due_on_receipt", "2026-12-02")).toBe("2026-12-02")
    expect(dueDateFor("date", "2026-12-02", "2027-01-15")).toBe("2027-01-15")
    expect(() => dueDateFor("date", "2026-12-02", null)).toThrow(/need a due date/)
    expect(() => dueDateFor("date", "2026-12-02", "2027-02-30")).toThrow(/need a due date/)
  })

  it("counts calendar days across DST changes (a day is a day, not 24 hours)", () => {
    // Europe/Berlin leaves summer time on 2026-10-25; America/New_York enters it on 2026-03-08.
    expect(addDays("2026-10-20", 7)).toBe("2026-10-27")
    expect(daysBetween("2026-03-01", "2026-03-31")).toBe(30)
    expect(daysBetween("2026-12-31", "2026-12-01")).toBe(-30)
  })

  it("takes the issue day in the store's time zone, not the server's", () => {
    // 23:30 UTC on Dec 31 is already Jan 1 in Berlin and still Dec 31 in New York.
    const instant = new Date("2026-12-31T23:30:00Z")
    expect(calendarDay(instant, "UTC")).toBe("2026-12-31")
    expect(calendarDay(instant, "Europe/Berlin")).toBe("2027-01-01")
    expect(calendarDay(instant, "America/New_York")).toBe("2026-12-31")
    expect(calendarDay(new Date("2026-06-30T13:00:00Z"), "Pacific/Kiritimati")).toBe("2026-07-01") // UTC+14
    expect(dueDateFor("net_30", calendarDay(instant, "Europe/Berlin"))).toBe("2027-01-31")
    expect(dueDateFor("net_30", calendarDay(instant, "America/New_York"))).toBe("2027-01-30")
  })

  it("is overdue once the due day has ended in the store's time zone", () => {
    // Due Dec 5 in New York (UTC-5): still due at 23:59 local, overdue at 00:00 local on Dec 6 (05:00 UTC).
    expect(isPastDue("2026-12-05", new Date("2026-12-06T04:59:00Z"), "America/New_York")).toBe(false)
    expect(isPastDue("2026-12-05", new Date("2026-12-06T05:00:00Z"), "America/New_York")).toBe(true)
    // The same instant in Tokyo (UTC+9) is already the 6th at 14:00.
    expect(isPastDue("2026-12-05", new Date("2026-12-06T04:59:00Z"), "Asia/Tokyo")).toBe(true)
    expect(isPastDue(null, new Date(), "UTC")).toBe(false)
    expect(daysOverdue("2026-12-05", new Date("2026-12-12T12:00:00Z"), "UTC")).toBe(7)
    expect(daysOverdue("2026-12-05", new Date("2026-12-01T12:00:00Z"), "UTC")).toBe(0)
  })

  it("finds the end of a day in the zone, DST days included", () => {
    expect(endOfDay("2026-12-05", "UTC").toISOString()).toBe("2026-12-06T00:00:00.000Z")
    expect(endOfDay("2026-12-05", "America/New_York").toISOString()).toBe("2026-12-06T05:00:00.000Z")
    // Berlin: Oct 25 2026 has 25 hours; the day after begins at 00:00 CET = 23:00 UTC.
    expect(endOfDay("2026-10-25", "Europe/Berlin").toISOString()).toBe("2026-10-25T23:00:00.000Z")
    expect(endOfDay("2026-10-24", "Europe/Berlin").toISOString()).toBe("2026-10-24T22:00:00.000Z")
    // New York enters summer time on Mar 8 2026: midnight of Mar 9 is 04:00 UTC.
    expect(endOfDay("2026-03-08", "America/New_York").toISOString()).toBe("2026-03-09T04:00:00.000Z")
  })

  it("validates time zones and calendar days, and words terms the merchant's way", () => {
    expect(isValidTimeZone("Europe/Berlin")).toBe(true)
    expect(isValidTimeZone("UTC")).toBe(true)
    expect(isValidTimeZone("Mars/Olympus")).toBe(false)
    expect(isValidTimeZone("")).toBe(false)
    expect(isCalendarDay("2026-02-28")).toBe(true)
    expect(isCalendarDay("2026-02-29")).toBe(false)
    expect(isCalendarDay("2026-2-1")).toBe(false)
    expect(termsLabel("net_30")).toBe("Net 30")
    expect(termsLabel("due_on_receipt")).toBe("Due on receipt")
    expect(termsLabel(null)).toBeNull()
    expect(formatCalendarDay("2027-01-01")).toBe("January 1, 2027")
  })
})
