// Prints which step is running and how long each took, so a slow first run never looks stuck.

function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`
}

function createProgress({ write = (line) => process.stdout.write(line) } = {}) {
  const startedAt = Date.now()
  const timings = []

  /** Runs one named step: "→ name …" before, "✓ name (3.2 s)" or "✗ name (3.2 s)" after. */
  async function step(name, run) {
    const began = Date.now()
    write(`→ ${name} …\n`)
    try {
      const result = await run()
      const took = Date.now() - began
      timings.push({ name, ms: took })
      write(`✓ ${name} (${seconds(took)})\n`)
      return result
    } catch (error) {
      write(`✗ ${name} (${seconds(Date.now() - began)})\n`)
      throw error
    }
  }

  return {
    step,
    note: (line) => write(`  ${line}\n`),
    elapsed: () => seconds(Date.now() - startedAt),
    timings: () => timings.slice(),
  }
}

module.exports = { createProgress, seconds }
