package dev.actionbox.cli;

import java.io.PrintStream;

/**
 * The brief's set-up, through the API: the priority-client label, a client contact in its
 * context, the default task workflow, the webhook hand-off (aimed at a receiver on this
 * machine instead of the brief's example host), and a draft-plus-task workflow for other mail.
 */
final class DemoSetup {

    static final String CLIENT_ADDRESS = "dana@northwind.example";

    private DemoSetup() {
    }

    static void install(DemoClient api, String webhookUrl, PrintStream out) {
        api.post("/v1/labels/", """
                {"id": "lbl_priority_client", "name": "Priority client", "color": "#d93f0b"}""");
        api.post("/v1/contacts/", """
                {"id": "ctc_123", "full_name": "Dana Whitfield", "organization": "Northwind",
                 "owner": "alex", "emails": [{"label": "work", "address": "%s"}]}"""
                .formatted(CLIENT_ADDRESS));
        api.post("/v1/context/lbl_priority_client/entities/", """
                {"entity_type": "contact", "entity_id": "ctc_123"}""");
        api.post("/v1/workflows/", """
                {"name": "Create task for priority client mail", "trigger": "label_applied",
                 "conditions": [
                   {"field": "label_id", "op": "eq", "value": "lbl_priority_client"}],
                 "writes": [{"source": {"from": "event.payload"}, "target": {"type": "task"},
                   "contract": {"required": ["summary"]}}]}""");
        api.post("/v1/workflows/", """
                {"name": "Send priority mail to task system", "trigger": "label_applied",
                 "conditions": [
                   {"field": "label_id", "op": "eq", "value": "lbl_priority_client"}],
                 "writes": [{"source": {"from": "event.payload"}, "target": {"type": "webhook",
                   "url": "%s", "event_type": "workflow.task_candidate",
                   "secret": "demo-secret"}}]}""".formatted(webhookUrl));
        api.post("/v1/workflows/", """
                {"name": "Prepare response task", "trigger": "email_received",
                 "conditions": [
                   {"field": "labels", "op": "not_contains", "value": "lbl_priority_client"},
                   {"field": "is_list", "op": "eq", "value": false},
                   {"field": "is_auto_reply", "op": "eq", "value": false}],
                 "writes": [
                   {"source": {"from": "event.payload"}, "target": {"type": "task"},
                    "contract": {"required": ["summary"]}},
                   {"source": {"from": "event.payload"}, "target": {"type": "email.draft"},
                    "policy": {"on_missing": "hold_for_review"}}]}""");
        out.println("Installed label lbl_priority_client, contact ctc_123 (" + CLIENT_ADDRESS
                + ") in its context, and 3 workflows (task, webhook to " + webhookUrl
                + ", draft plus task)");
    }
}
