-- A reply draft gets its own Message-ID when it is made, so that answers to it and bounces of
-- it find their thread, and keeps the extra header fields it must carry (Outlook's
-- Thread-Topic and Thread-Index).
ALTER TABLE drafts ADD COLUMN message_id_header TEXT;
ALTER TABLE drafts ADD COLUMN headers_json TEXT NOT NULL DEFAULT '{}';
CREATE INDEX drafts_message_id_header ON drafts(message_id_header);
