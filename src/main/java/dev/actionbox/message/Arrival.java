package dev.actionbox.message;

import java.util.Objects;

/**
 * How a message reached an inbox, as intake saw it before storing.
 *
 * @param inboxId the inbox it is stored in
 * @param inboxAddress that inbox's address, or the address it was delivered to (an alias of a
 *        catch-all inbox); never counted as a thread participant
 * @param envelopeFrom the SMTP MAIL FROM ({@code ""} for the null sender), or for mail that
 *        came without an envelope the Return-Path it carries; null when unknown
 * @param via {@code smtp}, {@code upload} or {@code import}
 * @param dedupeKey from {@link MessageStore#dedupeKey}
 * @param headers the top-level fields intake read from the raw bytes
 */
public record Arrival(String inboxId, String inboxAddress, String envelopeFrom, String via,
        String dedupeKey, TopHeaders headers) {

    public Arrival {
        Objects.requireNonNull(inboxId, "inboxId");
        Objects.requireNonNull(via, "via");
        Objects.requireNonNull(dedupeKey, "dedupeKey");
        Objects.requireNonNull(headers, "headers");
    }

    /** True for the null reverse-path that bounces and many auto-replies use (RFC 5321 4.5.5). */
    public boolean nullSender() {
        return envelopeFrom != null && (envelopeFrom.isBlank() || envelopeFrom.equals("<>"));
    }
}
