package dev.actionbox.auth;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a token may do. A {@code :write} scope includes its {@code :read}; {@code admin}
 * includes everything.
 */
public enum Scope {
    EMAIL_READ("email:read"),
    EMAIL_WRITE("email:write"),
    LABELS_READ("labels:read"),
    LABELS_WRITE("labels:write"),
    CONTEXT_READ("context:read"),
    CONTEXT_WRITE("context:write"),
    WORKFLOWS_READ("workflows:read"),
    WORKFLOWS_WRITE("workflows:write"),
    TASK_READ("task:read"),
    TASK_WRITE("task:write"),
    WEBHOOKS_READ("webhooks:read"),
    DRAFTS_WRITE("drafts:write"),
    TOKENS_WRITE("tokens:write"),
    ADMIN("admin");

    private final String wireName;

    Scope(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Scope> fromWire(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.wireName.equals(wanted)).findFirst();
    }

    /** Every scope that holding this one grants, itself included. */
    public Set<Scope> grants() {
        if (this == ADMIN) {
            return EnumSet.allOf(Scope.class);
        }
        EnumSet<Scope> granted = EnumSet.of(this);
        if (wireName.endsWith(":write")) {
            String read = wireName.replace(":write", ":read");
            fromWire(read).ifPresent(granted::add);
        }
        return granted;
    }

    /** The full set a list of held scopes grants. */
    public static Set<Scope> expand(Set<Scope> held) {
        EnumSet<Scope> all = EnumSet.noneOf(Scope.class);
        held.forEach(s -> all.addAll(s.grants()));
        return all;
    }
}
