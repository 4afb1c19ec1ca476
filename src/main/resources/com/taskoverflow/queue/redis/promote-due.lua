-- Moves jobs whose backoff is over from the delayed set back to the stream, atomically: a job is
-- removed from the set only as it is added to the stream. Safe to run from many workers at once.
-- KEYS[1] stream, KEYS[2] delayed set; ARGV[1] most jobs to move
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local due = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now, 'LIMIT', 0, tonumber(ARGV[1]))
for _, task in ipairs(due) do
  redis.call('XADD', KEYS[1], '*', 'task_id', task)
  redis.call('ZREM', KEYS[2], task)
end
return #due
