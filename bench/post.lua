-- wrk script: bulk OFREP evaluation with a rotating context (issue 3, acceptance 6).
-- The SDK key comes from $SDK_KEY. Bodies are built once per thread in init(), so the request
-- loop costs wrk almost nothing; 1 024 distinct targeting keys and attribute mixes rotate, so the
-- server cannot answer from one warm path and bucketing sees many keys.
local countries = { "NL", "DE", "US", "FR", "BE", "GB", "CA", "JP" }
local plans = { "free", "pro", "enterprise", "team" }
local agents = {
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
}
local bodies = {}
local counter = 0
local thread_id = 0
local threads = {}

function setup(thread)
  thread:set("thread_id", #threads)
  table.insert(threads, thread)
end

function init(args)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("SDK_KEY")
  math.randomseed(42 + thread_id)
  for i = 1, 1024 do
    local key = "user-" .. thread_id .. "-" .. (i * 37)
    local domain = (i % 10 == 0) and "@flagledger.dev" or "@example.com"
    bodies[i] = string.format(
      '{"context":{"targetingKey":"%s","email":"%s%s","country":"%s","age":%d,'
        .. '"account":{"plan":"%s","seats":%d},"app":{"version":"%d.%d.%d"},"userAgent":"%s"}}',
      key, key, domain, countries[math.random(#countries)], 16 + math.random(50),
      plans[math.random(#plans)], math.random(1000), math.random(3), math.random(0, 9), math.random(0, 19),
      agents[math.random(#agents)])
  end
end

function request()
  counter = counter % #bodies + 1
  return wrk.format(nil, nil, nil, bodies[counter])
end

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
