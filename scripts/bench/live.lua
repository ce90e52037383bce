-- wrk script for scripts/bench.sh's "live poll": a phone polling the live page's state
-- with the ETag of what it shows (BENCH_LIVE_ETAG), as static/js/live.js does; the
-- site answers 304 from its cache while the room does not change.
-- Reports through wrk.lua's done(), so report.py reads it like any other page.

local base = dofile("scripts/bench/wrk.lua")
local etag = os.getenv("BENCH_LIVE_ETAG") or ""

function init(args)
  counter = 0
  statuses = {}
  wrk.headers["If-None-Match"] = etag
  wrk.headers["Accept"] = "application/json"
end

function request()
  return wrk.format(nil, nil)
end
