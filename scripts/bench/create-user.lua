-- POST /api/users with an email no other request of any run uses: every request creates a row.
local threads = 0
local run = os.getenv("BENCH_RUN_ID") or tostring(os.time())

function setup(thread)
  thread:set("thread_id", threads)
  threads = threads + 1
end

local sequence = 0

request = function()
  sequence = sequence + 1
  local body = string.format('{"name":"Bench User","email":"bench-%s-%d-%d@example.com"}', run, thread_id, sequence)
  return wrk.format("POST", "/api/users", { ["Content-Type"] = "application/json" }, body)
end
