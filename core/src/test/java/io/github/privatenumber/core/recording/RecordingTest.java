package io.github.privatenumber.core.recording;

import static io.github.privatenumber.core.InvalidValues.assertInvalid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.privatenumber.core.InvalidValueException;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RecordingTest {

    @Test
    void referenceHoldsDomainAndFileName() {
        RecordingReference r = RecordingReference.of("ostor.example-cloud.com", "1200_366_0_20161228102743.wav");
        assertEquals("ostor.example-cloud.com", r.recordDomain());
        assertEquals("1200_366_0_20161228102743.wav", r.fileName());
        assertEquals(new RecordingReference("ostor.example-cloud.com", "1200_366_0_20161228102743.wav"), r);
        assertEquals(255, RecordingReference.of("a".repeat(255), "f").recordDomain().length());
        assertEquals(256, RecordingReference.of("h", "f".repeat(256)).fileName().length());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "host name.com", "host_name.com", "h\u00f6st.com", "host.com:443", "host.com/", "http://host"})
    void referenceRejectsBadDomains(String domain) {
        assertInvalid("recordDomain", () -> RecordingReference.of(domain, "a.wav"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "a b.wav", "dir/a.wav", "dir\\a.wav", "a.wav?x=1", "a.wav#1", "\u5f55\u97f3.wav", "a\t.wav"})
    void referenceRejectsBadFileNames(String fileName) {
        assertInvalid("fileName", () -> RecordingReference.of("host.com", fileName));
    }

    @Test
    void referenceLengthLimits() {
        assertInvalid("recordDomain", () -> RecordingReference.of("a".repeat(256), "f"));
        assertInvalid("fileName", () -> RecordingReference.of("h", "f".repeat(257)));
    }

    @Test
    void urlIsKeptExactlyAsSent() {
        String location = "https://obs.example.com/bucket/rec.wav?AccessKeyId=AK&Signature=a%2Bb%3D&Expires=1700000000";
        RecordingUrl url = RecordingUrl.of(location);
        assertEquals(location, url.value());
        assertEquals(URI.create(location), url.toUri());
        assertEquals(location, url.toUri().toString());
    }

    @Test
    void urlToStringShowsOnlySchemeAndHost() {
        RecordingUrl url = RecordingUrl.of("https://user:pw@obs.example.com:8443/bucket/rec.wav?Signature=SECRETSIG");
        String s = url.toString();
        assertEquals("RecordingUrl[https://obs.example.com/…]", s);
        assertFalse(s.contains("SECRETSIG"));
        assertFalse(s.contains("rec.wav"));
        assertFalse(s.contains("pw"));
    }

    @Test
    void unreadableUrlsAreKeptButCannotBecomeUris() {
        RecordingUrl url = RecordingUrl.of("https://obs.example.com/a b?Signature=SECRETSIG");
        assertEquals("RecordingUrl[…]", url.toString());
        InvalidValueException e = assertInvalid("Location", url::toUri);
        assertFalse(e.getMessage().contains("SECRETSIG"));
        assertFalse(e.getMessage().contains("obs.example.com"));
        assertEquals("RecordingUrl[…]", RecordingUrl.of("/relative/path?sig=1").toString());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  ", "https://h/a\r\nSet-Cookie: x", "https://h/\u0000"})
    void urlRejectsMissingTextAndControlCharacters(String value) {
        assertInvalid("Location", () -> RecordingUrl.of(value));
    }
}
