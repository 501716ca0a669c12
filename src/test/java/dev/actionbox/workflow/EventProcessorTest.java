package dev.actionbox.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionbox.api.Json;
import dev.actionbox.inbox.InboxService;
import dev.actionbox.intake.IntakeService;
import dev.actionbox.mail.MessageParser;
import dev.actionbox.mail.ParsePolicy;
import dev.actionbox.store.EventQueue;
import dev.actionbox.store.Store;
import dev.actionbox.store.StoreConfig;
import dev.actionbox.support.TestStores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The once-per-(workflow, event) guarantee when two nodes hold the same event: the first
 * node's lease ran out while it was still at work, and a second node took the event.
 */
class EventProcessorTest {

    @TempDir
    Path dataDir;

    private StoreConfig config;
    private Store store;

    @BeforeEach
    void open() {
        config = TestStores.fresh(dataDir);
        store = Store.open(config);
    }

    @AfterEach
    void close() {
        store.close();
        TestStores.drop(config);
    }

    @Test
    void process_sameEventOnTwoNodesAtOnce_oneTaskAndOneRun() throws Exception {
        createTaskWorkflow();
        receiveOneMessage();
        EventQueue queue = new EventQueue(store);
        EventQueue.Event first = queue.claim("node-a", 10, 1).get(0);
        Thread.sleep(5);
        EventQueue.Event second = queue.claim("node-b", 10, 60_000).get(0);
        assertThat(second.id()).isEqualTo(first.id());

        processTogether(first, second);

        assertThat(count("SELECT COUNT(*) FROM tasks")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM workflow_runs")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM activity WHERE type = 'task.created'"))
                .isEqualTo(1);
        assertThat(queue.pending()).isZero();
    }

    @Test
    void process_twoMessagesOfOneThreadOnTwoNodesAtOnce_oneTaskWithBoth() throws Exception {
        createTaskWorkflow();
        receive("<renew-1@customers.example>", null);
        receive("<renew-2@customers.example>", "<renew-1@customers.example>");
        EventQueue queue = new EventQueue(store);
        List<EventQueue.Event> events = queue.claim("node-a", 10, 60_000);
        assertThat(events).hasSize(2);

        processTogether(events.get(0), events.get(1));

        assertThat(count("SELECT COUNT(*) FROM tasks")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM task_messages")).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM workflow_runs")).isEqualTo(2);
    }

    @Test
    void process_twoWorkflowsOnTwoEventsOfOneMessageAtOnce_oneTask() throws Exception {
        createTaskWorkflow();
        new WorkflowService(store).create(Json.tree("""
                {"name": "Labelled mail is a task", "trigger": "label_applied",
                 "writes": [{"source": {"from": "event.payload"}, "target": {"type": "task"}}]}
                """), "test");
        String messageId = receive("<renew-1@customers.example>", null);
        store.useTransaction(h -> EventQueue.enqueue(h, "label_applied",
                Map.of("label_id", "lbl_urgent", "message_id", messageId), 1));
        List<EventQueue.Event> events = new EventQueue(store).claim("node-a", 10, 60_000);
        assertThat(events).hasSize(2);

        processTogether(events.get(0), events.get(1));

        assertThat(count("SELECT COUNT(*) FROM tasks")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM workflow_runs")).isEqualTo(2);
    }

    private void createTaskWorkflow() {
        new WorkflowService(store).create(Json.tree("""
                {"name": "Every mail is a task", "trigger": "email_received",
                 "writes": [{"source": {"from": "event.payload"}, "target": {"type": "task"}}]}
                """), "test");
    }

    private void processTogether(EventQueue.Event first, EventQueue.Event second)
            throws Exception {
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        List<Future<Object>> runs = List.of(
                nodes.submit(() -> processAfter(together, first)),
                nodes.submit(() -> processAfter(together, second)));
        for (Future<Object> run : runs) {
            run.get();
        }
        nodes.shutdown();
    }

    private Object processAfter(CyclicBarrier together, EventQueue.Event event)
            throws Exception {
        together.await();
        new EventProcessor(store).process(event);
        return null;
    }

    private void receiveOneMessage() {
        receive("<renew-1@customers.example>", null);
    }

    /** Returns the stored message's id. */
    private String receive(String messageId, String inReplyTo) {
        InboxService inboxes = new InboxService(store);
        Map<String, Object> inbox = inboxes.ensureDefault().get(0);
        String raw = "From: Ana <ana@customers.example>\r\n"
                + "To: " + inbox.get("address") + "\r\n"
                + "Subject: Renew the contract\r\n"
                + "Message-ID: " + messageId + "\r\n"
                + (inReplyTo == null ? "" : "In-Reply-To: " + inReplyTo + "\r\n")
                + "\r\n"
                + "The contract runs out next month.\r\n";
        return new IntakeService(store, new MessageParser(ParsePolicy.defaults()), () -> { })
                .accept(List.of(new IntakeService.Destination((String) inbox.get("id"),
                        (String) inbox.get("address"))), "ana@customers.example",
                        raw.getBytes(StandardCharsets.UTF_8), "test").get(0).id();
    }

    private int count(String sql) {
        return store.read(h -> h.createQuery(sql).mapTo(Integer.class).one());
    }
}
