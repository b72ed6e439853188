-- A steady load rather than as fast as possible: each connection waits a little between its
-- requests, so the CPUs stay free for an instance that starts again.
delay = function()
  return tonumber(os.getenv("LAB_DELAY_MS") or "5")
end
