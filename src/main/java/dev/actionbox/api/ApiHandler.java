package dev.actionbox.api;

/** A route's work: reads the call, returns the body to send (or an {@link ApiResponse}). */
@FunctionalInterface
public interface ApiHandler {

    Object handle(ApiCall call);
}
