package dev.actionbox.server;

import dev.actionbox.activity.ActivityLog;
import dev.actionbox.activity.ActivityRoutes;
import dev.actionbox.api.ApiServer;
import dev.actionbox.api.IdempotencyStore;
import dev.actionbox.api.OpenApiRoutes;
import dev.actionbox.api.RouteTable;
import dev.actionbox.auth.TokenRoutes;
import dev.actionbox.auth.TokenService;
import dev.actionbox.contact.ContactRoutes;
import dev.actionbox.contact.ContactService;
import dev.actionbox.context.ContextRoutes;
import dev.actionbox.context.ContextService;
import dev.actionbox.delivery.AddressGuard;
import dev.actionbox.delivery.DeliveryRoutes;
import dev.actionbox.delivery.DraftService;
import dev.actionbox.delivery.WebhookDeliverer;
import dev.actionbox.delivery.WebhookOutbox;
import dev.actionbox.inbox.InboxRoutes;
import dev.actionbox.inbox.InboxService;
import dev.actionbox.intake.IntakeService;
import dev.actionbox.intake.SmtpIntake;
import dev.actionbox.intake.UploadRoutes;
import dev.actionbox.label.LabelRoutes;
import dev.actionbox.label.LabelService;
import dev.actionbox.mail.MessageParser;
import dev.actionbox.mail.ParsePolicy;
import dev.actionbox.message.MessageReader;
import dev.actionbox.message.MessageRoutes;
import dev.actionbox.store.EventQueue;
import dev.actionbox.store.Store;
import dev.actionbox.task.FollowUpScheduler;
import dev.actionbox.task.TaskRoutes;
import dev.actionbox.task.TaskService;
import dev.actionbox.workflow.EventProcessor;
import dev.actionbox.workflow.ReviewService;
import dev.actionbox.workflow.WorkflowRoutes;
import dev.actionbox.workflow.WorkflowService;
import dev.actionbox.workflow.WorkflowTester;
import dev.actionbox.workflow.WorkflowWorkers;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Actionbox node: the store, the HTTP API, the SMTP listener and the background workers,
 * wired together. Start with {@link #start}, stop with {@link #close}.
 */
public final class ActionboxServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ActionboxServer.class);

    private final ServerConfig config;
    private final Store store;
    private final TokenService tokens;
    private final InboxService inboxes;
    private final WorkflowWorkers workers;
    private final WebhookDeliverer deliverer;
    private final ApiServer api;
    private final SmtpIntake smtp;
    private final RouteTable routes;

    private ActionboxServer(ServerConfig config, Store store) throws IOException {
        this.config = config;
        this.store = store;
        String nodeId = "node-" + UUID.randomUUID().toString().substring(0, 8);
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(metrics);
        BacklogGauges.bindTo(metrics, store);

        this.tokens = new TokenService(store);
        this.inboxes = new InboxService(store);
        EventQueue queue = new EventQueue(store);
        this.deliverer = new WebhookDeliverer(store, new AddressGuard(config.webhookAllow()),
                nodeId, metrics);
        this.workers = new WorkflowWorkers(queue, new EventProcessor(store), deliverer,
                new FollowUpScheduler(store), nodeId, metrics);
        IntakeService intake = new IntakeService(store,
                new MessageParser(ParsePolicy.defaults()), workers::wake, metrics);

        this.routes = routes(config, store, metrics, intake);
        this.api = new ApiServer(routes, tokens, new IdempotencyStore(store), config.api(),
                config.maxMessageBytes(), metrics);
        this.smtp = new SmtpIntake(config.smtpHost(), config.smtpPort(),
                config.maxMessageBytes(), config.smtpMaxPerAddress(), intake, inboxes);
    }

    /** Opens the store (migrating it), makes the default inbox, and starts every listener. */
    public static ActionboxServer start(ServerConfig config) throws IOException {
        Store store = Store.open(config.store());
        ActionboxServer server;
        try {
            server = new ActionboxServer(config, store);
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
        try {
            server.inboxes.ensureDefault();
            server.workers.start();
            server.api.start(config.httpHost(), config.httpPort());
            server.smtp.start();
            return server;
        } catch (RuntimeException e) {
            // A port already taken ends the start; threads that did start must not linger.
            server.workers.close();
            server.deliverer.close();
            store.close();
            throw e;
        }
    }

    private RouteTable routes(ServerConfig config, Store store, PrometheusMeterRegistry metrics,
            IntakeService intake) {
        RouteTable table = new RouteTable();
        HealthRoutes.register(table, store, metrics);
        TokenRoutes.register(table, tokens);
        InboxRoutes.register(table, inboxes);
        UploadRoutes.register(table, intake, inboxes, config.maxMessageBytes());
        MessageRoutes.register(table, new MessageReader(store), store);
        LabelRoutes.register(table, new LabelService(store));
        ContactRoutes.register(table, new ContactService(store));
        ContextRoutes.register(table, new ContextService(store));
        WorkflowRoutes.register(table, new WorkflowService(store), new WorkflowTester(store),
                new ReviewService(store));
        TaskRoutes.register(table, new TaskService(store));
        DeliveryRoutes.register(table, new DraftService(store, config.relay()),
                new WebhookOutbox(store));
        ActivityRoutes.register(table, new ActivityLog(store));
        OpenApiRoutes.register(table);
        return table;
    }

    public Store store() {
        return store;
    }

    public TokenService tokens() {
        return tokens;
    }

    public RouteTable routes() {
        return routes;
    }

    public int httpPort() {
        return api.port();
    }

    public int smtpPort() {
        return smtp.port();
    }

    public String httpUrl() {
        return "http://" + config.httpHost() + ":" + api.port();
    }

    public List<Map<String, Object>> inboxes() {
        return inboxes.list();
    }

    /** True when no event waits to be processed. */
    public boolean idle() {
        return new EventQueue(store).pending() == 0;
    }

    @Override
    public void close() {
        log.info("Stopping, finishing work in progress");
        smtp.close();
        api.close();
        workers.close();
        deliverer.close();
        store.close();
        log.info("Stopped");
    }
}
