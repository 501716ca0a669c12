package dev.actionbox.store;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Values the server makes once and then keeps in the store, such as the key tokens are hashed
 * with, so that every node sharing the store uses the same. Thread-safe.
 */
public final class StoredSettings {

    private final Store store;

    public StoredSettings(Store store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * The stored value of {@code name}; the first caller stores {@code initial}'s. When two
     * nodes race, the first insert wins and both return its value.
     */
    public String getOrCreate(String name, Supplier<String> initial) {
        return store.inTransaction(h -> {
            h.createUpdate("""
                    INSERT INTO settings (name, value, created_at) VALUES (:name, :value, :now)
                    ON CONFLICT DO NOTHING""")
                    .bind("name", name).bind("value", initial.get())
                    .bind("now", System.currentTimeMillis()).execute();
            return h.createQuery("SELECT value FROM settings WHERE name = :name")
                    .bind("name", name).mapTo(String.class).one();
        });
    }
}
