-- wrk script for scripts/bench: sends the signed-in session's cookie with every request, and
-- prints one machine-readable line at the end:
--   RESULT requests=… rps=… p50=… p95=… p99=… max=… errors=… non2xx=…   (latencies in ms)

local cookie = os.getenv("BENCH_COOKIE")
if cookie == nil or cookie == "" then
  error("BENCH_COOKIE is not set (epic_session=…)")
end
wrk.headers["Cookie"] = cookie
wrk.headers["Accept"] = "text/html"

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  local failures = e.connect + e.read + e.write + e.timeout
  io.write(string.format(
    "RESULT requests=%d rps=%.1f p50=%.2f p95=%.2f p99=%.2f max=%.2f errors=%d non2xx=%d\n",
    summary.requests,
    summary.requests / seconds,
    latency:percentile(50) / 1000,
    latency:percentile(95) / 1000,
    latency:percentile(99) / 1000,
    latency.max / 1000,
    failures,
    e.status
  ))
end
