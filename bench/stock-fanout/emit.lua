-- wrk script: every request asks the bench sink's Magento to change one SKU's quantity and send the signed
-- inventory.source_items.updated webhook to the system under test; the answer is that system's status. Event numbers
-- are distinct per request: OFFSET + thread + threads * n (two wrk threads by default, THREADS to change).
local counter = 0
local step = tonumber(os.getenv("THREADS") or "2")
local threads = 0

function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end

function init(args)
  counter = tonumber(os.getenv("OFFSET") or "0") + tid
end

function request()
  local path = "/emit?seq=" .. counter
  counter = counter + step
  return wrk.format("POST", path)
end

function done(summary, latency, requests)
  io.write(string.format("non-2xx or failed: %d of %d\n", summary.errors.status + summary.errors.connect
    + summary.errors.read + summary.errors.write + summary.errors.timeout, summary.requests))
end
