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
  -- CONTEXTS (environment, default 1024) distinct contexts per thread; 1 sends the same one always.
  local contexts = tonumber(os.getenv("CONTEXTS") or "1024")
  for i = 1, contexts do
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

-- The RESULT line bench/ofrep-wrk.sh parses, shared with get.lua.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "result.lua")
