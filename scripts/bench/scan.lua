-- wrk script for scripts/bench.sh's "door scan": a badge scan at the door, as the
-- page's JavaScript sends it (POST, Accept: application/json, a new nonce each time),
-- signed in as venue staff. Cycles through the badges in BENCH_SCAN_CODES: the first
-- pass lets each delegate in (green), the next ones answer "already checked in".
-- Reports through wrk.lua's done(), so report.py reads it like any other page.

local base = dofile("scripts/bench/wrk.lua")
local run_id = os.getenv("BENCH_RUN_ID") or tostring(os.time())
local session = os.getenv("BENCH_SCAN_SESSION") or ""
local csrf = os.getenv("BENCH_SCAN_CSRF") or ""

local codes = {}
for line in io.lines(os.getenv("BENCH_SCAN_CODES")) do
  table.insert(codes, line)
end

function init(args)
  counter = 0
  statuses = {}
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  wrk.headers["Accept"] = "application/json"
  wrk.headers["Cookie"] = "sessionid=" .. session .. "; csrftoken=" .. csrf
end

function request()
  counter = counter + 1
  local code = codes[(counter * 7 + thread_id) % #codes + 1]
  local body = "csrfmiddlewaretoken=" .. csrf .. "&q=" .. code .. "&method=scanner"
    .. "&nonce=" .. string.format("b%s-%d-%d", run_id, thread_id, counter)
  return wrk.format("POST", nil, nil, body)
end
