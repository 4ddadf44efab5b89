package io.github.privatenumber.simulator.internal.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AlawWavTest {

    /** The header fields of a WAV file, read back independently of the writer. */
    private record Parsed(int riffSize, int fmtSize, int formatTag, int channels, int sampleRate, int byteRate,
                          int blockAlign, int bitsPerSample, int cbSize, int factSamples, int dataSize, int dataOffset) {
    }

    private static Parsed parse(byte[] wav) {
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("RIFF", fourCc(b));
        int riffSize = b.getInt();
        assertEquals("WAVE", fourCc(b));
        assertEquals("fmt ", fourCc(b));
        int fmtSize = b.getInt();
        int formatTag = b.getShort() & 0xFFFF;
        int channels = b.getShort() & 0xFFFF;
        int sampleRate = b.getInt();
        int byteRate = b.getInt();
        int blockAlign = b.getShort() & 0xFFFF;
        int bits = b.getShort() & 0xFFFF;
        int cbSize = b.getShort() & 0xFFFF;
        assertEquals("fact", fourCc(b));
        assertEquals(4, b.getInt());
        int factSamples = b.getInt();
        assertEquals("data", fourCc(b));
        int dataSize = b.getInt();
        return new Parsed(riffSize, fmtSize, formatTag, channels, sampleRate, byteRate, blockAlign, bits, cbSize,
                factSamples, dataSize, b.position());
    }

    private static String fourCc(ByteBuffer b) {
        byte[] id = new byte[4];
        b.get(id);
        return new String(id, StandardCharsets.US_ASCII);
    }

    @Test
    void headerDescribesAlawMono8kHz() {
        byte[] wav = AlawWav.tone(Duration.ofSeconds(1), 425);
        Parsed p = parse(wav);
        assertEquals(18, p.fmtSize());
        assertEquals(6, p.formatTag());
        assertEquals(1, p.channels());
        assertEquals(8000, p.sampleRate());
        assertEquals(8000, p.byteRate());
        assertEquals(1, p.blockAlign());
        assertEquals(8, p.bitsPerSample());
        assertEquals(0, p.cbSize());
        assertEquals(8000, p.factSamples());
        assertEquals(8000, p.dataSize());
        assertEquals(58, p.dataOffset());
        assertEquals(wav.length - 8, p.riffSize());
        assertEquals(p.dataOffset() + p.dataSize(), wav.length);
    }

    @Test
    void lengthIsClampedAndOddDataIsPadded() {
        Parsed shortOne = parse(AlawWav.tone(Duration.ofMillis(1), 1000));
        assertEquals(800, shortOne.factSamples());
        Parsed negative = parse(AlawWav.tone(Duration.ofSeconds(-5), 1000));
        assertEquals(800, negative.dataSize());
        byte[] longWav = AlawWav.tone(Duration.ofMinutes(5), 1000);
        assertEquals(80_000, parse(longWav).dataSize());

        // 100.125 ms = 801 samples: the data chunk says 801, the file carries one pad byte
        byte[] odd = AlawWav.tone(Duration.ofNanos(100_125_000), 1000);
        Parsed p = parse(odd);
        assertEquals(801, p.dataSize());
        assertEquals(801, p.factSamples());
        assertEquals(p.dataOffset() + 802, odd.length);
        assertEquals(odd.length - 8, p.riffSize());
        assertEquals(0, odd[odd.length - 1]);
    }

    @Test
    void samplesAreTheTone() {
        byte[] wav = AlawWav.tone(Duration.ofSeconds(1), 1000);
        Parsed p = parse(wav);
        // 1 kHz at 8 kHz: 8 samples per period; count sign changes of the decoded signal
        int crossings = 0;
        int peak = 0;
        int previous = AlawWav.decode(wav[p.dataOffset()]);
        for (int i = 1; i < p.dataSize(); i++) {
            int s = AlawWav.decode(wav[p.dataOffset() + i]);
            if ((previous < 0) != (s < 0)) {
                crossings++;
            }
            peak = Math.max(peak, Math.abs(s));
            previous = s;
        }
        assertTrue(crossings >= 1900 && crossings <= 2100, "crossings " + crossings);
        assertTrue(peak > 14_000 && peak < 18_000, "peak " + peak);
    }

    @Test
    void knownCodes() {
        assertEquals((byte) 0xD5, AlawWav.encode(0));
        assertEquals((byte) 0x55, AlawWav.encode(-1));
        assertEquals((byte) 0xAA, AlawWav.encode(Short.MAX_VALUE));
        assertEquals((byte) 0x2A, AlawWav.encode(Short.MIN_VALUE));
        assertEquals((byte) 0xAA, AlawWav.encode(100_000)); // clipped
    }

    @Test
    void roundTripStaysWithinAlawErrorBounds() {
        int[] values = {0, 1, 7, 8, 100, -100, 255, 256, 511, 1000, -1000, 4000, -4096, 12_345, -20_000, 32_000, -32_768};
        for (int x : values) {
            int y = AlawWav.decode(AlawWav.encode(x));
            // segment 0/1 step is 16 in 16-bit units; above, the step is 1/16 to 1/32 of the value
            int bound = Math.max(16, Math.abs(x) / 16);
            assertTrue(Math.abs(y - x) <= bound, x + " -> " + y);
            if (Math.abs(x) >= 16) {
                assertEquals(x < 0, y < 0, "sign of " + x);
            }
        }
        // every code decodes to a value that encodes back to the same code
        for (int c = 0; c < 256; c++) {
            byte code = (byte) c;
            assertEquals(code, AlawWav.encode(AlawWav.decode(code)), "code " + c);
        }
        // and the full range is monotonic
        int last = Integer.MIN_VALUE;
        for (int x = Short.MIN_VALUE; x <= Short.MAX_VALUE; x++) {
            int y = AlawWav.decode(AlawWav.encode(x));
            assertTrue(y >= last, "monotonic at " + x);
            assertTrue(Math.abs(y - x) <= Math.max(16, Math.abs(x) / 16), "error at " + x);
            last = y;
        }
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> AlawWav.tone(Duration.ofSeconds(1), 0));
        assertThrows(IllegalArgumentException.class, () -> AlawWav.tone(Duration.ofSeconds(1), 4000));
        assertThrows(NullPointerException.class, () -> AlawWav.tone(null, 440));
    }
}
