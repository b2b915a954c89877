-- Machine-readable summary for bench/ofrep-wrk.sh (latencies in microseconds).
function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT requests=%d seconds=%.2f rps=%.1f p50_us=%d p90_us=%d p99_us=%d p999_us=%d max_us=%d"
    .. " mean_us=%.1f errors_status=%d errors_other=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9),
    latency.max, latency.mean, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
