-- wrk script for benchmarks/load.py: cycles through the paths in the file named after `--`
-- (one per line), counts 5xx, 4xx and full-page cache hits per thread, and prints one
-- line "KYOZAI {json}" when the run ends.

local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  paths = {}
  for line in io.lines(args[1]) do
    if line ~= "" then
      paths[#paths + 1] = line
    end
  end
  -- Threads start at different places in the list.
  index = (id * 7) % #paths
  status_5xx, status_4xx, cache_hits = 0, 0, 0
end

function request()
  index = index % #paths + 1
  return wrk.format("GET", paths[index])
end

function response(status, headers, body)
  if status >= 500 then
    status_5xx = status_5xx + 1
  elseif status >= 400 then
    status_4xx = status_4xx + 1
  end
  if (headers["X-Kyozai-Cache"] or headers["x-kyozai-cache"]) == "hit" then
    cache_hits = cache_hits + 1
  end
end

function done(summary, latency, requests)
  local s5, s4, hits = 0, 0, 0
  for _, thread in ipairs(threads) do
    s5 = s5 + thread:get("status_5xx")
    s4 = s4 + thread:get("status_4xx")
    hits = hits + thread:get("cache_hits")
  end
  local e = summary.errors
  io.write(string.format(
    'KYOZAI {"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, '
      .. '"status_5xx": %d, "status_4xx": %d, "cache_hits": %d, "errors_connect": %d, '
      .. '"errors_read": %d, "errors_write": %d, "errors_timeout": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), s5, s4, hits, e.connect, e.read, e.write, e.timeout))
end
