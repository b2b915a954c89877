-- wrk script for the peer runs (GET /actuator/health): same settings, same summary line as post.lua.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "result.lua")
