-- wrk script: each request posts the next pre-signed webhook from requests.txt (distinct bodies, so every
-- request takes the full path: verify, parse, JSONata, journal + bus insert in one transaction).
local lines = {}
local counter = 0
local threads = 0

-- runs in the main Lua state; tid becomes a global of each thread's own state
function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end

function init(args)
  for line in io.lines(os.getenv("REQUESTS") or "requests.txt") do
    lines[#lines + 1] = line
  end
  -- OFFSET lets the warm-up and the measured run use different webhooks, so the measured run takes no duplicates
  counter = tid + 2 * tonumber(os.getenv("OFFSET") or "0")
end

function request()
  local line = lines[(counter % #lines) + 1]
  counter = counter + 2 -- two wrk threads take alternate lines
  local first = line:find(" ")
  local second = line:find(" ", first + 1)
  local headers = { ["Content-Type"] = "application/json", ["x-magento-signature"] = line:sub(first + 1, second - 1) }
  return wrk.format("POST", "/webhooks/magento/" .. line:sub(1, first - 1), headers, line:sub(second + 1))
end
