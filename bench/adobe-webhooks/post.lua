-- wrk script: each request posts the next pre-signed Adobe Commerce webhook from requests.txt (distinct bodies, so
-- every request takes the full path: RSA verify, parse, JSONata, journal + bus insert in one transaction), and
-- counts the replies that are not 200 {"op":"success"}. Prints p50/p95/p99 (wrk's --latency has no p95).
local lines = {}
local counter = 0
local threads = {}

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(os.getenv("REQUESTS") or "requests.txt") do
    lines[#lines + 1] = line
  end
  counter = tid + 2 * tonumber(os.getenv("OFFSET") or "0")
  failures = 0
end

function request()
  local line = lines[(counter % #lines) + 1]
  counter = counter + 2 -- two wrk threads take alternate lines
  local first = line:find(" ")
  local second = line:find(" ", first + 1)
  local headers = { ["Content-Type"] = "application/json",
                    ["x-adobe-commerce-webhook-signature"] = line:sub(first + 1, second - 1) }
  return wrk.format("POST", "/webhooks/adobe-commerce/" .. line:sub(1, first - 1), headers, line:sub(second + 1))
end

function response(status, headers, body)
  if status ~= 200 or not body:find('"op":"success"', 1, true) then
    failures = failures + 1
  end
end

function done(summary, latency, requests)
  local failed = 0
  for _, thread in ipairs(threads) do
    failed = failed + thread:get("failures")
  end
  io.write(string.format("== requests %d in %.1f s: %.0f req/s; not op success: %d; non-2xx %d, socket errors %d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6), failed,
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
  io.write(string.format("== latency p50 %.1f ms, p90 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
