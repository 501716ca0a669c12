package dev.actionbox.mail;

import static dev.actionbox.mail.MailFixtures.crlf;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Auto-replies, bounces and list mail: the flags that keep rules from answering machines. */
class MachineMailTest {

    private final MessageParser parser = new MessageParser(ParsePolicy.defaults());

    private ParsedMessage parse(String headers, String body) {
        return parser.parse(crlf(headers + "\n" + body + "\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Auto-Submitted: auto-replied", "Auto-Submitted: auto-generated", "X-Autoreply: yes",
        "X-Autorespond: yes", "Precedence: auto_reply", "Precedence: junk",
        "X-MS-Exchange-Inbox-Rules-Loop: yes"})
    void parse_autoReplyHeader_setsAutoSubmitted(String header) {
        ParsedMessage m = parse("From: a@example.org\nSubject: Re: hi\n" + header + "\n", "away");

        assertThat(m.flags().autoSubmitted()).isTrue();
        assertThat(m.flags().machineMade()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Automatic reply: [Ticket#100234] received", "Out of Office: Re: invoice",
        "Abwesenheitsnotiz: Rechnung", "Réponse automatique : facture", "AutoReply: hi",
        "[Ticket#1] Out of Office"})
    void parse_autoReplySubject_setsAutoSubmitted(String subject) {
        ParsedMessage m = parse("From: a@example.org\nSubject: " + subject + "\n", "away");

        assertThat(m.flags().autoSubmitted()).isTrue();
    }

    @Test
    void parse_autoResponseSuppressAlone_isNoAutoReply() {
        ParsedMessage m = parse("From: a@example.org\nSubject: Question\n"
                + "X-Auto-Response-Suppress: All\n", "A real question.");

        assertThat(m.flags()).isEqualTo(MailFlags.NONE);
    }

    @Test
    void parse_autoSubmittedNo_isNoAutoReply() {
        ParsedMessage m = parse("From: a@example.org\nSubject: x\nAuto-Submitted: no\n", "x");

        assertThat(m.flags().autoSubmitted()).isFalse();
    }

    @Test
    void parse_nullReturnPathWithPrecedence_isAutoReply() {
        ParsedMessage m = parse("""
                Return-Path: <>
                From: Info Desk <info@customer.example.org>
                Subject: Re: [Ticket#100250] Update
                Precedence: auto_reply
                X-Auto-Response-Suppress: All
                """, "This mailbox is not monitored.");

        assertThat(m.flags().autoSubmitted()).isTrue();
        assertThat(m.flags().bounce()).isFalse();
    }

    @Test
    void parse_deliveryStatusReport_isBounceWithDetails() {
        ParsedMessage m = parser.parse(crlf("""
                Return-Path: <>
                From: MAILER-DAEMON@relay.example.net
                Subject: Returned mail: see transcript for details
                Content-Type: multipart/report; report-type=delivery-status; boundary="dsn"

                --dsn
                Content-Type: text/plain

                Mailbox full.
                --dsn
                Content-Type: message/delivery-status

                Reporting-MTA: dns; relay.example.net

                Final-Recipient: rfc822; pat@example.org
                Action: failed
                Status: 5.2.2
                --dsn
                Content-Type: text/rfc822-headers

                From: Helpdesk <support@example.com>
                Message-ID: <reply-100236-3@helpdesk.example.com>
                --dsn--
                """));

        assertThat(m.flags().bounce()).isTrue();
        assertThat(m.flags().autoSubmitted()).isFalse();
        assertThat(m.bounceInfo()).isEqualTo(new BounceInfo(
                "pat@example.org", "5.2.2", "failed", "reply-100236-3@helpdesk.example.com"));
    }

    @Test
    void parse_proseBounceFromMailerDaemon_findsRecipientAndStatus() {
        ParsedMessage m = parse("""
                From: Mail Delivery System <MAILER-DAEMON@mx.example.net>
                To: support@example.com
                Subject: Undelivered Mail Returned to Sender
                """, """
                This is the mail system at host mx.example.net.

                I'm sorry to have to inform you that your message could not
                be delivered to one or more recipients.

                <gone@example.org>: host mx.example.org said: 550 5.1.1 User unknown
                """);

        assertThat(m.flags().bounce()).isTrue();
        assertThat(m.bounceInfo().recipient()).isEqualTo("gone@example.org");
        assertThat(m.bounceInfo().status()).isEqualTo("5.1.1");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Delivery Status Notification (Failure)", "Undeliverable: Invoice",
        "Mail delivery failed: returning message to sender", "failure notice",
        "Unzustellbar: Rechnung"})
    void parse_bounceSubject_setsBounce(String subject) {
        ParsedMessage m = parse("From: postoffice@example.net\nSubject: " + subject + "\n", "x");

        assertThat(m.flags().bounce()).isTrue();
    }

    @Test
    void parse_replyAboutAnUndeliverableParcel_isNoBounce() {
        ParsedMessage m = parse("From: a@example.org\nSubject: Re: undeliverable parcel\n", "x");

        assertThat(m.flags().bounce()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "List-Id: <team.lists.example.org>", "List-Unsubscribe: <mailto:u@example.org>",
        "Precedence: list", "Precedence: bulk"})
    void parse_listHeader_setsList(String header) {
        ParsedMessage m = parse("From: a@example.org\nSubject: news\n" + header + "\n", "x");

        assertThat(m.flags().list()).isTrue();
    }

    @Test
    void parse_listId_isKeptDecoded() {
        ParsedMessage m = parse(
                "From: a@example.org\nSubject: n\nList-Id: Team <team.example.org>\n", "x");

        assertThat(m.listId()).isEqualTo("Team <team.example.org>");
    }

    @Test
    void parse_ordinaryMail_hasNoFlags() {
        ParsedMessage m = parse("From: a@example.org\nSubject: Out of paper in office 3\n", "x");

        assertThat(m.flags()).isEqualTo(MailFlags.NONE);
        assertThat(m.bounceInfo()).isNull();
    }
}
