-- wrk script for scripts/bench-api: sends the bearer token with every request, and prints one
-- machine-readable line at the end:
--   RESULT requests=… rps=… p50=… p99=… max=… errors=… non2xx=…   (latencies in ms)

local token = os.getenv("BENCH_TOKEN")
if token == nil or token == "" then
  error("BENCH_TOKEN is not set (an API access token)")
end
wrk.headers["Authorization"] = "Bearer " .. token
wrk.headers["Accept"] = "application/json"

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  local failures = e.connect + e.read + e.write + e.timeout
  io.write(string.format(
    "RESULT requests=%d rps=%.1f p50=%.2f p99=%.2f max=%.2f errors=%d non2xx=%d\n",
    summary.requests,
    summary.requests / seconds,
    latency:percentile(50) / 1000,
    latency:percentile(99) / 1000,
    latency.max / 1000,
    failures,
    e.status
  ))
end
