-- Records that a worker is alive, on the server's clock, so that every node judges silence alike.
-- KEYS[1] the sorted set of workers by last heartbeat (ms), ARGV[1] the worker's consumer name
local now = redis.call('TIME')
redis.call('ZADD', KEYS[1], tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000), ARGV[1])
return 1
