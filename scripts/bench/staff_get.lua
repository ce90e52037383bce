-- wrk script for scripts/bench.sh's staff pages (the Sponsorship committee's): a GET
-- signed in as staff (BENCH_STAFF_SESSION). Reports through wrk.lua's done().

local base = dofile("scripts/bench/wrk.lua")
local session = os.getenv("BENCH_STAFF_SESSION") or ""

function init(args)
  counter = 0
  statuses = {}
  wrk.headers["Cookie"] = "sessionid=" .. session
end
