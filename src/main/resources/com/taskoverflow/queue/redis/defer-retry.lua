-- Moves a failed job from the stream to the delayed set, due after its backoff, in one atomic
-- step: the entry is acknowledged and deleted only as the job lands in the delayed set.
-- KEYS[1] stream, KEYS[2] delayed set; ARGV[1] group, ARGV[2] entry id, ARGV[3] task id, ARGV[4] delay ms
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZADD', KEYS[2], now + tonumber(ARGV[4]), ARGV[3])
redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
redis.call('XDEL', KEYS[1], ARGV[2])
return 1
