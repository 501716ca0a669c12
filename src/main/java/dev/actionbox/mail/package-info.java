/**
 * Reading inbound mail: {@link dev.actionbox.mail.MessageParser} turns raw RFC 5322 / MIME
 * bytes into a {@link dev.actionbox.mail.ParsedMessage} (headers decoded, body text, HTML,
 * attachments and inline images, forwarded messages, calendar invites, bounce details and
 * machine-mail flags); {@link dev.actionbox.mail.VisibleTextExtractor} finds what the sender
 * wrote above the quoted history; {@link dev.actionbox.mail.SubjectNormalizer} strips reply
 * prefixes and tags for task summaries and thread matching.
 *
 * <p>The parser never throws. What it could not read, or a structure that is broken (no
 * header, a missing closing boundary, a NUL byte in a header), is in {@code parseError};
 * defects it worked around (charset guesses, oversized headers cut or dropped, and the limits
 * of the {@link dev.actionbox.mail.ParsePolicy}, which say what was left out) are listed in
 * {@code warnings}. It logs nothing: the caller decides what to record.
 *
 * <p>Known limitations:
 * <ul>
 *   <li>TNEF (winmail.dat): only the attachment title and data attributes are read, not the
 *       MAPI properties, so long file names and the rich-text body are not recovered.</li>
 *   <li>Every message/rfc822 part is an attachment, also one sent with an inline
 *       disposition; its text is in {@code forwarded}, and becomes the message text only
 *       when the message has no text of its own.</li>
 *   <li>Quoted history is found by patterns for the common clients and languages; an
 *       unknown client's attribution line without a colon or "wrote" is not found.</li>
 *   <li>Raw 8-bit header bytes that are not UTF-8 are read in the first charset a text part
 *       declares (else windows-1252); a message mixing charsets across headers can show
 *       wrong characters.</li>
 * </ul>
 *
 * <p>{@code dev.actionbox.mail.corpus} holds the checks that run the parser over the shared
 * real-world corpus and fault cases.
 */
package dev.actionbox.mail;
