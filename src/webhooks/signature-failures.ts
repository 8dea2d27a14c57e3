/**
 * Requests to the webhook URL that fail the signature check, counted in memory: an anonymous flood
 * costs a number, and reaches the database at most once per window (one update of the connection
 * row, and an integration-error report at most once per report window).
 */

/** What is written when a window closes: the failures counted in it and the last reason. */
export type SignatureFailureBatch = {
  failures: number
  /** The verifier's message for the last failure; never the signature or the secret. */
  message: string
  /** Whether the merchant may be told now (the counter allows one report per report window). */
  report: boolean
}

/** Writes a batch; answers whether the merchant was told (a report row and email were made). */
export type PersistSignatureFailures = (batch: SignatureFailureBatch) => Promise<{ reported: boolean }>

export type SignatureFailureCounterOptions = {
  /** At most one write per this many milliseconds. */
  windowMs: number
  /** At most one report to the merchant per this many milliseconds. */
  reportEveryMs: number
  now?: () => number
}

export class SignatureFailureCounter {
  private pending = 0
  private lastMessage = ""
  private lastWriteAt = Number.NEGATIVE_INFINITY
  private lastReportAt = Number.NEGATIVE_INFINITY
  private writing = false
  private timer: NodeJS.Timeout | undefined
  private persist: PersistSignatureFailures | undefined
  private readonly now: () => number

  constructor(private readonly options: SignatureFailureCounterOptions) {
    this.now = options.now ?? Date.now
  }

  /**
   * Counts one failure. The first failure of a window is written at once (and awaited); later ones
   * wait for the window's end, when they are written together.
   */
  async note(message: string, persist: PersistSignatureFailures): Promise<void> {
    this.pending++
    this.lastMessage = message
    this.persist = persist
    if (this.writing) return
    if (this.now() - this.lastWriteAt >= this.options.windowMs) {
      await this.write()
      return
    }
    this.scheduleWrite()
  }

  /** A delivery passed the check: the failures counted so far no longer say the secret is wrong. */
  reset(): void {
    this.pending = 0
  }

  /** Failures counted and not written yet. */
  get unwritten(): number {
    return this.pending
  }

  /** Writes what was counted now, whatever the window (tests; shutdown). */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
    await this.write()
  }

  private scheduleWrite() {
    if (this.timer || !this.pending) return
    const wait = Math.max(0, this.lastWriteAt + this.options.windowMs - this.now())
    this.timer = setTimeout(() => {
      this.timer = undefined
      void this.write()
    }, wait)
    // A pending write never keeps the process alive.
    this.timer.unref()
  }

  private async write(): Promise<void> {
    const persist = this.persist
    if (this.writing || !this.pending || !persist) return
    this.writing = true
    const at = this.now()
    const batch: SignatureFailureBatch = {
      failures: this.pending,
      message: this.lastMessage,
      report: at - this.lastReportAt >= this.options.reportEveryMs,
    }
    this.pending = 0
    this.lastWriteAt = at
    try {
      const { reported } = await persist(batch)
      if (reported) this.lastReportAt = at
    } catch {
      // The persist function reports its own failure; the failures wait for the next window.
      this.pending += batch.failures
    } finally {
      this.writing = false
    }
    this.scheduleWrite()
  }
}
