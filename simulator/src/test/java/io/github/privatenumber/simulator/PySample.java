package io.github.privatenumber.simulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A hand-written replica of what Huawei's Python samples put on the wire (seeds/huawei-axyb-python-samples.txt):
 * {@code buildAKSKHeader}, {@code json.dumps} (ASCII, {@code ", "} and {@code ": "}), {@code urllib.parse.urlencode},
 * and the request heads of {@code urllib.request} and {@code requests}, sent over a raw socket. Deliberately not
 * using the signing module, so that it checks the simulator against Huawei's own recipe. (Only the samples' bug of
 * formatting local time as {@code Z} is not copied: Created is real UTC here.)
 */
final class PySample {

    private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    /** An HTTP answer read off the socket. */
    record RawResponse(int status, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private PySample() {
    }

    /** {@code buildAKSKHeader(appKey, appSecret)} of the samples, with a chosen Created. */
    static String buildAkskHeader(String appKey, String appSecret, Instant now) {
        String created = CREATED.format(now);
        String nonce = UUID.randomUUID().toString().replace("-", "");
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String digest = Base64.getEncoder().encodeToString(mac.doFinal((nonce + created).getBytes(StandardCharsets.UTF_8)));
            return String.format("UsernameToken Username=\"%s\",PasswordDigest=\"%s\",Nonce=\"%s\",Created=\"%s\"",
                    appKey, digest, nonce, created);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String buildAkskHeader(String appKey, String appSecret) {
        return buildAkskHeader(appKey, appSecret, Instant.now());
    }

    /** {@code json.dumps(d)} with Python's defaults: {@code ", "} / {@code ": "}, ensure_ascii. */
    static String jsonDumps(Map<String, Object> d) {
        StringBuilder sb = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, Object> e : d.entrySet()) {
            if (!first) {
                sb.append(", ");
            }
            first = false;
            string(sb, e.getKey());
            sb.append(": ");
            Object v = e.getValue();
            if (v instanceof String s) {
                string(sb, s);
            } else if (v instanceof Boolean b) {
                sb.append(b ? "true" : "false");
            } else {
                sb.append(v);
            }
        }
        return sb.append('}').toString();
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7E) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        sb.append('"');
    }

    /** {@code urllib.parse.urlencode(d)}: quote_plus on names and values. */
    static String urlencode(Map<String, String> d) {
        List<String> parts = new ArrayList<>();
        d.forEach((k, v) -> parts.add(quotePlus(k) + "=" + quotePlus(v)));
        return String.join("&", parts);
    }

    private static String quotePlus(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-' || c == '~') {
                sb.append((char) c);
            } else if (c == ' ') {
                sb.append('+');
            } else {
                sb.append('%').append(String.format("%02X", c));
            }
        }
        return sb.toString();
    }

    static Map<String, Object> dict(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static Map<String, String> form(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    /**
     * What {@code urllib.request.urlopen(req)} sends for the samples' requests: header names as
     * {@code Request.add_header} stores them ({@code str.capitalize()}: "X-aksk", "Content-type").
     */
    static RawResponse urllib(URI base, String method, String pathAndQuery, String xAksk, byte[] data) {
        List<String[]> headers = new ArrayList<>();
        headers.add(new String[] {"Accept-Encoding", "identity"});
        if (data != null) {
            headers.add(new String[] {"Content-Length", Integer.toString(data.length)});
        }
        headers.add(new String[] {"Host", base.getHost() + ":" + base.getPort()});
        headers.add(new String[] {"User-Agent", "Python-urllib/3.7"});
        headers.add(new String[] {"Authorization", "AKSK realm=\"SDP\",profile=\"UsernameToken\",type=\"Appkey\""});
        headers.add(new String[] {"X-aksk", xAksk});
        headers.add(new String[] {"Content-type", "application/json;charset=UTF-8"});
        headers.add(new String[] {"Connection", "close"});
        return raw(base, method, pathAndQuery, headers, data);
    }

    /** What {@code requests.get(fullUrl, headers=header, allow_redirects=False)} sends (recording sample). */
    static RawResponse requestsGet(URI base, String pathAndQuery, String xAksk) {
        List<String[]> headers = new ArrayList<>();
        headers.add(new String[] {"Host", base.getHost() + ":" + base.getPort()});
        headers.add(new String[] {"User-Agent", "python-requests/2.18.1"});
        headers.add(new String[] {"Accept-Encoding", "gzip, deflate"});
        headers.add(new String[] {"Accept", "*/*"});
        headers.add(new String[] {"Connection", "keep-alive"});
        headers.add(new String[] {"Authorization", "AKSK realm=\"SDP\",profile=\"UsernameToken\",type=\"Appkey\""});
        headers.add(new String[] {"X-AKSK", xAksk});
        headers.add(new String[] {"Content-Type", "application/json;charset=UTF-8"});
        return raw(base, "GET", pathAndQuery, headers, null);
    }

    static RawResponse raw(URI base, String method, String pathAndQuery, List<String[]> headers, byte[] data) {
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            s.setSoTimeout(10_000);
            StringBuilder head = new StringBuilder(method + " " + pathAndQuery + " HTTP/1.1\r\n");
            for (String[] h : headers) {
                head.append(h[0]).append(": ").append(h[1]).append("\r\n");
            }
            head.append("\r\n");
            OutputStream out = s.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (data != null) {
                out.write(data);
            }
            out.flush();
            return read(s.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RawResponse read(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            throw new IOException("connection closed without a status line");
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        String l;
        while ((l = line(in)) != null && !l.isEmpty()) {
            int c = l.indexOf(':');
            headers.put(l.substring(0, c).trim().toLowerCase(Locale.ROOT), l.substring(c + 1).trim());
        }
        String len = headers.get("content-length");
        byte[] body = len == null ? in.readAllBytes() : in.readNBytes(Integer.parseInt(len));
        return new RawResponse(status, headers, body);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                String s = b.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }
}
