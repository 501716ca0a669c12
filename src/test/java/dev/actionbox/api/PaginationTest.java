package dev.actionbox.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.actionbox.support.Http;
import dev.actionbox.support.TestServer;
import dev.actionbox.task.TaskService;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cursor paging over real HTTP: stable while new items arrive, limits, bad cursors. */
class PaginationTest {

    @TempDir
    Path dataDir;

    private TestServer node;
    private Http api;

    @BeforeEach
    void start() throws Exception {
        node = TestServer.start(dataDir);
        api = node.http(node.token("task:write"));
    }

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void taskList_pagingAt37While100MoreArrive_yieldsEachOfTheFirst1000ExactlyOnce()
            throws Exception {
        Set<String> first = createTasks(1_000);
        AtomicInteger created = new AtomicInteger();
        Map<String, Integer> seen = new HashMap<>();
        List<Thread> writers = new ArrayList<>();

        String cursor = null;
        do {
            JsonNode page = api.get("/v1/tasks/?limit=37"
                    + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.get("data").forEach(task -> seen.merge(task.get("id").asText(), 1, Integer::sum));
            assertThat(page.get("data").size()).isLessThanOrEqualTo(37);
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
            if (created.get() < 100) {
                writers.add(startWriter(4, created));
            }
        } while (cursor != null);
        for (Thread writer : writers) {
            writer.join();
        }

        assertThat(created.get()).isGreaterThanOrEqualTo(100);
        assertThat(seen.keySet()).containsAll(first);
        first.forEach(id -> assertThat(seen.get(id)).as(id).isEqualTo(1));
        assertThat(seen.values()).allMatch(count -> count == 1);
    }

    @Test
    void taskList_withoutLimit_returns50AndACursor() {
        createTasks(60);

        JsonNode page = api.get("/v1/tasks/").json();

        assertThat(page.get("data").size()).isEqualTo(50);
        assertThat(page.get("next_cursor").asText()).isNotBlank();
    }

    @Test
    void taskList_limitAbove200OrBelow1_gets422() {
        Http.Response tooMany = api.get("/v1/tasks/?limit=201");
        Http.Response none = api.get("/v1/tasks/?limit=0");

        assertThat(tooMany.status()).isEqualTo(422);
        assertThat(tooMany.json().at("/error/details/0/pointer").asText()).isEqualTo("/limit");
        assertThat(none.status()).isEqualTo(422);
    }

    @Test
    void taskList_cursorNotMadeByTheApi_gets422() {
        Http.Response response = api.get("/v1/tasks/?cursor=%25%25not-a-cursor");

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().at("/error/details/0/pointer").asText()).isEqualTo("/cursor");
    }

    @Test
    void taskList_lastPage_hasNullCursor() {
        createTasks(3);

        JsonNode page = api.get("/v1/tasks/?limit=3").json();

        assertThat(page.get("data").size()).isEqualTo(3);
        assertThat(page.get("next_cursor").isNull()).isTrue();
    }

    private Set<String> createTasks(int count) {
        TaskService tasks = new TaskService(node.server().store());
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < count; i++) {
            Map<String, Object> task = tasks.create(Json.tree("{\"summary\":\"Task " + i + "\"}"),
                    "test");
            ids.add((String) task.get("id"));
        }
        return ids;
    }

    private Thread startWriter(int count, AtomicInteger created) {
        Thread writer = new Thread(() -> {
            for (int i = 0; i < count; i++) {
                Http.Response response = api.post("/v1/tasks/",
                        Map.of("summary", "Arrived while paging"));
                assertThat(response.status()).isEqualTo(201);
                created.incrementAndGet();
            }
        });
        writer.start();
        return writer;
    }
}
