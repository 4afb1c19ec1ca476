-- Records that a worker is alive, on the server's clock, so that every node judges silence alike,
-- and resets the idle time of the entries in hand that are still this worker's. One that another
-- worker took over (this one was silent long enough to be judged dead: cut off, or paused) stays
-- with that worker: claiming it back would take it from the attempt that now runs it.
-- KEYS[1] the sorted set of workers by last heartbeat (ms), KEYS[2] the stream;
-- ARGV[1] the worker's consumer name, ARGV[2] the group, ARGV[3..] the entry ids in hand.
-- Returns how many entries were renewed.
local now = redis.call('TIME')
redis.call('ZADD', KEYS[1], tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000), ARGV[1])
local renewed = 0
for i = 3, #ARGV do
  if #redis.call('XPENDING', KEYS[2], ARGV[2], ARGV[i], ARGV[i], 1, ARGV[1]) > 0 then
    redis.call('XCLAIM', KEYS[2], ARGV[2], ARGV[1], 0, ARGV[i], 'JUSTID')
    renewed = renewed + 1
  end
end
return renewed
