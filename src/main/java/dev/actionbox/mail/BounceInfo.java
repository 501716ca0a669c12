package dev.actionbox.mail;

/**
 * What a delivery failure report says about the message that could not be delivered. Read from
 * a message/delivery-status part (RFC 3464) when there is one, else from the report's text.
 *
 * @param recipient the address that failed, or null when it could not be found
 * @param status the RFC 3463 status such as {@code 5.1.1}, or null
 * @param action the DSN action such as {@code failed} or {@code delayed}, or null
 * @param originalMessageId the Message-ID of the bounced message without brackets, or null
 */
public record BounceInfo(String recipient, String status, String action, String originalMessageId) {
}
