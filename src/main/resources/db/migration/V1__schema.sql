-- One schema for SQLite and PostgreSQL. Times are epoch milliseconds (BIGINT), flags are
-- INTEGER 0/1, JSON is TEXT, raw bytes use the ${blob} placeholder.

CREATE TABLE inboxes (
    id          TEXT PRIMARY KEY,
    address     TEXT NOT NULL UNIQUE,
    catch_all   INTEGER NOT NULL DEFAULT 0,
    created_at  BIGINT NOT NULL
);

CREATE TABLE tokens (
    id            TEXT PRIMARY KEY,
    label         TEXT,
    scopes        TEXT NOT NULL,
    secret_hash   TEXT NOT NULL UNIQUE,
    created_at    BIGINT NOT NULL,
    last_used_at  BIGINT,
    expires_at    BIGINT,
    revoked_at    BIGINT,
    created_by    TEXT
);

CREATE TABLE contacts (
    id            TEXT PRIMARY KEY,
    full_name     TEXT,
    owner         TEXT,
    organization  TEXT,
    notes         TEXT,
    phones        TEXT NOT NULL DEFAULT '[]',
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);

CREATE TABLE contact_emails (
    address     TEXT PRIMARY KEY,
    contact_id  TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    label       TEXT,
    position    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX contact_emails_contact ON contact_emails(contact_id);

CREATE TABLE threads (
    id               TEXT PRIMARY KEY,
    inbox_id         TEXT NOT NULL,
    subject_key      TEXT NOT NULL,
    participants     TEXT NOT NULL DEFAULT '[]',
    created_at       BIGINT NOT NULL,
    last_message_at  BIGINT NOT NULL
);
CREATE INDEX threads_subject ON threads(inbox_id, subject_key, last_message_at);

CREATE TABLE messages (
    id                 TEXT PRIMARY KEY,
    inbox_id           TEXT NOT NULL REFERENCES inboxes(id),
    thread_id          TEXT NOT NULL REFERENCES threads(id),
    dedupe_key         TEXT NOT NULL,
    message_id_header  TEXT,
    envelope_from      TEXT,
    from_name          TEXT,
    from_address       TEXT,
    contact_id         TEXT,
    to_json            TEXT NOT NULL DEFAULT '[]',
    cc_json            TEXT NOT NULL DEFAULT '[]',
    reply_to_json      TEXT NOT NULL DEFAULT '[]',
    subject            TEXT NOT NULL DEFAULT '',
    sent_at            BIGINT,
    received_at        BIGINT NOT NULL,
    text_visible       TEXT NOT NULL DEFAULT '',
    text_full          TEXT NOT NULL DEFAULT '',
    html               TEXT,
    in_reply_to        TEXT,
    references_json    TEXT NOT NULL DEFAULT '[]',
    list_id            TEXT,
    auth_results       TEXT,
    auto_submitted     INTEGER NOT NULL DEFAULT 0,
    bounce             INTEGER NOT NULL DEFAULT 0,
    is_list            INTEGER NOT NULL DEFAULT 0,
    warnings_json      TEXT NOT NULL DEFAULT '[]',
    extra_json         TEXT NOT NULL DEFAULT '{}',
    parse_error        TEXT,
    raw_size           BIGINT NOT NULL,
    UNIQUE (inbox_id, dedupe_key)
);
CREATE INDEX messages_thread ON messages(thread_id);
CREATE INDEX messages_header ON messages(message_id_header);
CREATE INDEX messages_from ON messages(from_address);

CREATE TABLE message_raw (
    message_id  TEXT PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
    raw         ${blob} NOT NULL
);

CREATE TABLE attachments (
    id            TEXT PRIMARY KEY,
    message_id    TEXT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    filename      TEXT NOT NULL,
    content_type  TEXT NOT NULL,
    size          BIGINT NOT NULL,
    inline_part   INTEGER NOT NULL DEFAULT 0,
    content_id    TEXT,
    content       ${blob} NOT NULL
);
CREATE INDEX attachments_message ON attachments(message_id);

CREATE TABLE labels (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    color       TEXT,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);

CREATE TABLE message_labels (
    message_id  TEXT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    label_id    TEXT NOT NULL REFERENCES labels(id) ON DELETE CASCADE,
    applied_at  BIGINT NOT NULL,
    PRIMARY KEY (message_id, label_id)
);
CREATE INDEX message_labels_label ON message_labels(label_id);

CREATE TABLE context_entities (
    id           TEXT PRIMARY KEY,
    label_id     TEXT NOT NULL REFERENCES labels(id) ON DELETE CASCADE,
    entity_type  TEXT NOT NULL,
    entity_id    TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    UNIQUE (label_id, entity_type, entity_id)
);
CREATE INDEX context_entities_entity ON context_entities(entity_type, entity_id);

CREATE TABLE workflows (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    trigger_type TEXT NOT NULL,
    definition  TEXT NOT NULL,
    enabled     INTEGER NOT NULL DEFAULT 1,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);

-- The durable event queue. A worker leases a row; when the lease runs out another may take it.
CREATE TABLE events (
    id            TEXT PRIMARY KEY,
    type          TEXT NOT NULL,
    payload       TEXT NOT NULL,
    depth         INTEGER NOT NULL DEFAULT 0,
    status        TEXT NOT NULL,
    attempts      INTEGER NOT NULL DEFAULT 0,
    available_at  BIGINT NOT NULL,
    lease_owner   TEXT,
    last_error    TEXT,
    created_at    BIGINT NOT NULL,
    done_at       BIGINT
);
CREATE INDEX events_ready ON events(status, available_at);

-- The once-per-(workflow, event) mark: a unique key, written in the same transaction as the
-- effects it guards.
CREATE TABLE workflow_runs (
    workflow_id  TEXT NOT NULL,
    event_id     TEXT NOT NULL,
    outcome      TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    PRIMARY KEY (workflow_id, event_id)
);

CREATE TABLE tasks (
    id                  TEXT PRIMARY KEY,
    summary             TEXT NOT NULL,
    description         TEXT,
    status              TEXT NOT NULL,
    priority            TEXT NOT NULL,
    owner               TEXT,
    due_at              BIGINT,
    follow_up_at        BIGINT,
    context_json        TEXT NOT NULL DEFAULT '[]',
    source_message_id   TEXT,
    source_thread_id    TEXT,
    source_workflow_id  TEXT,
    requester_address   TEXT,
    created_at          BIGINT NOT NULL,
    updated_at          BIGINT NOT NULL
);
CREATE INDEX tasks_status ON tasks(status);
CREATE INDEX tasks_thread ON tasks(source_thread_id, source_workflow_id);

CREATE TABLE task_labels (
    task_id   TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    label_id  TEXT NOT NULL,
    PRIMARY KEY (task_id, label_id)
);
CREATE INDEX task_labels_label ON task_labels(label_id);

CREATE TABLE task_messages (
    task_id     TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    message_id  TEXT NOT NULL,
    added_at    BIGINT NOT NULL,
    PRIMARY KEY (task_id, message_id)
);

CREATE TABLE reviews (
    id           TEXT PRIMARY KEY,
    workflow_id  TEXT,
    event_id     TEXT,
    message_id   TEXT,
    target_type  TEXT NOT NULL,
    target       TEXT NOT NULL,
    proposal     TEXT NOT NULL,
    missing      TEXT NOT NULL DEFAULT '[]',
    status       TEXT NOT NULL,
    resolved_at  BIGINT,
    result_id    TEXT,
    created_at   BIGINT NOT NULL
);

CREATE TABLE drafts (
    id           TEXT PRIMARY KEY,
    message_id   TEXT,
    workflow_id  TEXT,
    to_json      TEXT NOT NULL,
    subject      TEXT NOT NULL,
    body         TEXT NOT NULL,
    in_reply_to  TEXT,
    references_json TEXT NOT NULL DEFAULT '[]',
    status       TEXT NOT NULL,
    sent_at      BIGINT,
    last_error   TEXT,
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL
);

-- The outbox for webhook POSTs: at-least-once, the id is the receiver's dedupe key.
CREATE TABLE webhook_deliveries (
    id               TEXT PRIMARY KEY,
    workflow_id      TEXT,
    event_id         TEXT,
    message_id       TEXT,
    url              TEXT NOT NULL,
    event_type       TEXT NOT NULL,
    payload          TEXT NOT NULL,
    secret           TEXT,
    headers_json     TEXT NOT NULL DEFAULT '{}',
    status           TEXT NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  BIGINT NOT NULL,
    lease_owner      TEXT,
    last_status_code INTEGER,
    last_error       TEXT,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL
);
CREATE INDEX webhook_deliveries_ready ON webhook_deliveries(status, next_attempt_at);

CREATE TABLE activity (
    id               TEXT PRIMARY KEY,
    type             TEXT NOT NULL,
    occurred_at      BIGINT NOT NULL,
    inbox_id         TEXT,
    contact_id       TEXT,
    contact_address  TEXT,
    resource_id      TEXT,
    message_id       TEXT,
    task_id          TEXT,
    thread_id        TEXT,
    workflow_id      TEXT,
    participants     TEXT NOT NULL DEFAULT '[]',
    summary          TEXT NOT NULL,
    metadata         TEXT NOT NULL DEFAULT '{}',
    actor            TEXT NOT NULL
);
CREATE INDEX activity_message ON activity(message_id);
CREATE INDEX activity_task ON activity(task_id);
CREATE INDEX activity_contact ON activity(contact_id);
CREATE INDEX activity_thread ON activity(thread_id);
CREATE INDEX activity_type ON activity(type);

CREATE TABLE idempotency_keys (
    token_id      TEXT NOT NULL,
    idem_key      TEXT NOT NULL,
    method_path   TEXT NOT NULL,
    request_hash  TEXT NOT NULL,
    status        INTEGER NOT NULL,
    response      TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    PRIMARY KEY (token_id, idem_key)
);
