package dev.actionbox.intake;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A small SMTP client that sends raw message bytes unchanged (RFC 5321 with dot-stuffing), for
 * the demo, the load driver and tests. Not a general mail client: no TLS, no AUTH.
 */
public final class SmtpSender {

    /** The server's final answer to a transaction. */
    public record Reply(int code, String text) {
        public boolean accepted() {
            return code == 250;
        }
    }

    private final String host;
    private final int port;

    public SmtpSender(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /**
     * Sends one message in its own connection.
     *
     * @return the reply to RCPT when it was refused, else the reply to the end of DATA
     * @throws IOException when the connection fails
     */
    public Reply send(String from, List<String> recipients, byte[] raw) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout(120_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(
                    socket.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = socket.getOutputStream();
            expect(read(in), 220);
            expect(command(out, in, "EHLO actionbox-client"), 250);
            expect(command(out, in, "MAIL FROM:<" + from + ">"), 250);
            for (String recipient : recipients) {
                Reply reply = command(out, in, "RCPT TO:<" + recipient + ">");
                if (!reply.accepted()) {
                    command(out, in, "QUIT");
                    return reply;
                }
            }
            Reply data = command(out, in, "DATA");
            if (data.code() != 354) {
                return data;
            }
            out.write(dotStuffed(raw));
            out.flush();
            Reply result = read(in);
            command(out, in, "QUIT");
            return result;
        }
    }

    private static Reply command(OutputStream out, BufferedReader in, String line)
            throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return read(in);
    }

    private static Reply read(BufferedReader in) throws IOException {
        StringBuilder text = new StringBuilder();
        String line;
        while ((line = in.readLine()) != null) {
            text.append(line).append('\n');
            if (line.length() < 4 || line.charAt(3) != '-') {
                int code = line.length() >= 3 ? Integer.parseInt(line.substring(0, 3)) : 0;
                return new Reply(code, text.toString().trim());
            }
        }
        throw new IOException("The SMTP server closed the connection");
    }

    private static void expect(Reply reply, int code) throws IOException {
        if (reply.code() != code) {
            throw new IOException("SMTP server answered " + reply.text() + ", expected " + code);
        }
    }

    /** CRLF line ends, a dot doubled at the start of a line, and the final dot line. */
    static byte[] dotStuffed(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length + 64);
        boolean lineStart = true;
        for (int i = 0; i < raw.length; i++) {
            byte b = raw[i];
            if (b == '\n' && (i == 0 || raw[i - 1] != '\r')) {
                out.write('\r');
            }
            if (lineStart && b == '.') {
                out.write('.');
            }
            out.write(b);
            lineStart = b == '\n';
        }
        if (!lineStart) {
            out.write('\r');
            out.write('\n');
        }
        out.write('.');
        out.write('\r');
        out.write('\n');
        return out.toByteArray();
    }
}
