package dev.actionbox.e2e;

/** The three workflow examples of the product brief, byte for byte. */
final class SeedWorkflows {

    static final String DEFAULT_TASK = """
            {
            "name": "Create task for priority client mail",
            "trigger": "label_applied",
            "conditions": [
            {"field": "label_id", "op": "eq", "value": "lbl_priority_client"}
            ],
            "writes": [
            {"source": {"from": "event.payload"}, "target": {"type": "task"}, "contract": {"required": ["summary"]}}
            ]
            }""";

    static final String WEBHOOK_HANDOFF = """
            {
            "name": "Send priority mail to task system",
            "trigger": "label_applied",
            "conditions": [
            {"field": "label_id", "op": "eq", "value": "lbl_priority_client"}
            ],
            "writes": [
            {"source": {"from": "event.payload"}, "target": {"type": "webhook", "url": "https://example.com/webhooks/tasks", "event_type": "workflow.task_candidate"}}
            ]
            }""";

    static final String DRAFT_PLUS_TASK = """
            {
            "name": "Prepare response task",
            "trigger": "email_received",
            "writes": [
            {"source": {"from": "event.payload"}, "target": {"type": "task"}, "contract": {"required": ["summary"]}},
            {"source": {"from": "event.payload"}, "target": {"type": "email.draft"}, "policy": {"on_missing": "hold_for_review"}}
            ]
            }""";

    static final String CONTEXT_ENTITY = """
            {
            "entity_type": "contact",
            "entity_id": "ctc_123"
            }""";

    static final String[] SEED_SCOPES = {
        "email:read", "workflows:write", "labels:write", "task:write", "context:write"};

    private SeedWorkflows() {
    }
}
