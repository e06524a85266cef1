package cn.compoundgis.bench;

import cn.compoundgis.testing.TestServer;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * GETs one at a time on one kept-alive HTTP/1.1 connection, each answer read to its last byte and dropped, as curl does
 * in {@link Curl} but driven request by request, so that the requests can alternate with runs of a floor. A few lines
 * of socket reading in the benchmark's JVM (not the server's): a new curl process for each request would open a new
 * connection each time, which the browser and {@link Curl} do not (2-3 ms a request).
 */
final class KeptAliveClient implements AutoCloseable {
    private static final int BUFFER = 64 * 1024;
    private final int port;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] scratch = new byte[BUFFER];

    KeptAliveClient(int port) throws IOException {
        this.port = port;
        this.socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
        this.in = new BufferedInputStream(socket.getInputStream(), BUFFER);
        this.out = socket.getOutputStream();
    }

    /** {@code path} as the admin user, from sending the request to the answer's last byte; refuses a 4xx or 5xx. */
    Curl.Transfer get(String path) throws IOException {
        long start = System.nanoTime();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer "
                + TestServer.ADMIN_TOKEN + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String statusLine = line();
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        long length = -1;
        boolean chunked = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            String name = header.substring(0, header.indexOf(':')).toLowerCase(Locale.ROOT);
            String value = header.substring(header.indexOf(':') + 1).trim();
            if (name.equals("content-length")) {
                length = Long.parseLong(value);
            } else if (name.equals("transfer-encoding") && value.equalsIgnoreCase("chunked")) {
                chunked = true;
            }
        }
        long bytes = chunked ? chunkedBody() : skip(Math.max(0, length));
        double ms = (System.nanoTime() - start) / 1e6;
        if (status >= 400) {
            throw new IllegalStateException(path + " answered " + status);
        }
        return new Curl.Transfer(status, bytes, ms);
    }

    private long chunkedBody() throws IOException {
        long bytes = 0;
        while (true) {
            String size = line();
            int semicolon = size.indexOf(';');
            long chunk = Long.parseLong((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
            if (chunk == 0) {
                for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
                    // trailers: none are sent
                }
                return bytes;
            }
            bytes += skip(chunk);
            line(); // the CRLF after the chunk
        }
    }

    private long skip(long n) throws IOException {
        long left = n;
        while (left > 0) {
            int read = in.read(scratch, 0, (int) Math.min(scratch.length, left));
            if (read < 0) {
                throw new IOException("the server closed the connection " + left + " bytes before the answer's end");
            }
            left -= read;
        }
        return n;
    }

    private String line() throws IOException {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the server closed the connection");
            }
            if (b != '\r') {
                text.write(b);
            }
        }
        return text.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
