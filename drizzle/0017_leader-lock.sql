-- The poller's lease gave way to the leader's advisory lock (src/store/leadership.ts), which needs no table.
DROP TABLE "leases" CASCADE;