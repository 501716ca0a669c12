-- When the follow_up_due event of a task's current follow_up_at was emitted; a new
-- follow_up_at clears it so the next one fires too.
ALTER TABLE tasks ADD COLUMN follow_up_fired_at BIGINT;
CREATE INDEX tasks_follow_up ON tasks(follow_up_at);
