-- Writes a user cache entry only when it is newer than the entry already cached.
--
-- KEYS[1]  user:{id}
-- ARGV[1]  the entry as JSON: a user or a tombstone, each with its "version"
-- ARGV[2]  time to live in milliseconds
--
-- Returns 1 when the entry was written, 0 when the cached one (user or tombstone) is as new or newer.
-- Running as one script makes the compare and the set atomic, so a slow reader that loaded an old
-- row can never overwrite what a writer (or a delete's tombstone) put there after it.
local cached = redis.call('GET', KEYS[1])
if cached then
  local readable, current = pcall(cjson.decode, cached)
  if readable and type(current) == 'table' and tonumber(current.version) then
    local incoming = cjson.decode(ARGV[1])
    if tonumber(current.version) >= tonumber(incoming.version) then
      return 0
    end
  end
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
