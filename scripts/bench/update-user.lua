-- PUT /api/users/{id} with a new name for seeded ids 2..100001, spread so that consecutive
-- requests touch rows far apart (no two connections wait on one row's lock). Id 1 (the cache-hit
-- scenario's) and the ids the cache-miss scenario reads are left alone.
local threads = 0
local run = os.getenv("BENCH_RUN_ID") or tostring(os.time())

function setup(thread)
  thread:set("thread_id", threads)
  threads = threads + 1
end

local thread_count
local sequence = 0
local ids = 100000   -- 7919 is prime and does not divide it, so n * 7919 % ids visits every id

function init(args)
  thread_count = tonumber(os.getenv("BENCH_THREADS") or "2")
end

request = function()
  local n = thread_id + sequence * thread_count
  sequence = sequence + 1
  local id = 2 + (n * 7919) % ids
  local body = string.format('{"name":"Bench Name %s %d"}', run, n)
  return wrk.format("PUT", "/api/users/" .. id, { ["Content-Type"] = "application/json" }, body)
end
