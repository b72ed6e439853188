-- GET /api/users/{id} for ids BENCH_FIRST_ID, BENCH_FIRST_ID + 1, ... with no id read twice, so
-- that every request misses the cache and loads from PostgreSQL. The BENCH_THREADS threads take
-- interleaved ids.
local threads = 0

function setup(thread)
  thread:set("thread_id", threads)
  threads = threads + 1
end

local first_id, thread_count
local sequence = 0

function init(args)
  first_id = tonumber(os.getenv("BENCH_FIRST_ID") or "1")
  thread_count = tonumber(os.getenv("BENCH_THREADS") or "2")
end

request = function()
  local id = first_id + thread_id + sequence * thread_count
  sequence = sequence + 1
  return wrk.format("GET", "/api/users/" .. id)
end
