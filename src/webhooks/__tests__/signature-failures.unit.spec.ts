import { SignatureFailureCounter, type SignatureFailureBatch } from "../signature-failures"

const MINUTE = 60_000

function counterWithClock(persist: (batch: SignatureFailureBatch) => Promise<{ reported: boolean }>) {
  let now = 1_000_000
  const counter = new SignatureFailureCounter({ windowMs: MINUTE, reportEveryMs: 15 * MINUTE, now: () => now })
  return {
    counter,
    advance: (ms: number) => {
      now += ms
    },
    note: (message = "No signatures found") => counter.note(message, persist),
  }
}

describe("SignatureFailureCounter: a flood costs a counter", () => {
  afterEach(() => jest.useRealTimers())

  it("writes the first failure of a window at once and the other 299 together when the window ends", async () => {
    jest.useFakeTimers()
    const writes: SignatureFailureBatch[] = []
    const { note, advance } = counterWithClock(async (batch) => {
      writes.push(batch)
      return { reported: false }
    })

    for (let i = 0; i < 300; i++) await note(`failure ${i}`)
    expect(writes).toEqual([{ failures: 1, message: "failure 0", report: true }])

    advance(MINUTE)
    await jest.advanceTimersByTimeAsync(MINUTE)
    expect(writes).toEqual([
      { failures: 1, message: "failure 0", report: true },
      { failures: 299, message: "failure 299", report: true },
    ])
  })

  it("lets the merchant be told at most once per report window", async () => {
    const writes: SignatureFailureBatch[] = []
    const { counter, note, advance } = counterWithClock(async (batch) => {
      writes.push(batch)
      return { reported: batch.report }
    })
    await note()
    for (let minute = 1; minute <= 16; minute++) {
      advance(MINUTE)
      await note()
    }
    counter.reset()
    expect(writes).toHaveLength(17)
    // Told at minute 0, then again only once 15 minutes have passed.
    expect(writes.map((w, minute) => (w.report ? minute : null)).filter((m) => m !== null)).toEqual([0, 15])
  })

  it("forgets failures counted before a verified delivery", async () => {
    const writes: SignatureFailureBatch[] = []
    const { counter, note } = counterWithClock(async (batch) => {
      writes.push(batch)
      return { reported: false }
    })
    await note()
    await note()
    await note()
    expect(counter.unwritten).toBe(2)
    counter.reset()
    await counter.flush()
    expect(writes.map((w) => w.failures)).toEqual([1])
  })

  it("keeps the failures of a write that failed for the next one", async () => {
    let fail = true
    const writes: SignatureFailureBatch[] = []
    const { counter, note, advance } = counterWithClock(async (batch) => {
      if (fail) throw new Error("database unavailable")
      writes.push(batch)
      return { reported: false }
    })
    await note()
    await note()
    expect(counter.unwritten).toBe(2)
    fail = false
    advance(MINUTE)
    await counter.flush()
    expect(writes.map((w) => w.failures)).toEqual([2])
    expect(counter.unwritten).toBe(0)
  })
})
