// Resident memory of a process and its descendants (the Medusa CLI may run the server in a child), from /proc.
const fs = require("fs")

function childrenOf(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number)
  } catch {
    return []
  }
}

function rssKb(pid) {
  try {
    const match = /VmRSS:\s+(\d+)\s+kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))
    return match ? Number(match[1]) : 0
  } catch {
    return 0
  }
}

function treeRssKb(pid, depth = 0) {
  if (depth > 8) return 0
  return rssKb(pid) + childrenOf(pid).reduce((sum, child) => sum + treeRssKb(child, depth + 1), 0)
}

/** Samples every `intervalMs`; `peak(phase)` is the highest sample taken while that phase was marked. */
function sampleRss(pid, intervalMs = 200) {
  const peaks = {}
  let phase = "idle"
  let last = 0
  const take = () => {
    last = treeRssKb(pid)
    peaks[phase] = Math.max(peaks[phase] ?? 0, last)
  }
  take()
  const timer = setInterval(take, intervalMs)
  timer.unref()
  return {
    mark(name) {
      take()
      phase = name
      take()
    },
    current: () => treeRssKb(pid),
    peakMb: (name) => (peaks[name] ? Math.round(peaks[name] / 102.4) / 10 : null),
    stop: () => clearInterval(timer),
  }
}

module.exports = { sampleRss, treeRssKb }
