package io.github.privatenumber.simulator.internal.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * Builds the recordings the simulator serves: WAV files holding ITU-T G.711 A-law audio, 8 kHz, mono,
 * 8 bits per sample, as the platform's recordings are (SPEC section 7). Pure, stateless and thread-safe.
 *
 * <p>The file has a {@code fmt } chunk of 18 bytes (format tag 6, {@code cbSize} 0, as non-PCM formats
 * require), a {@code fact} chunk with the sample count, and a {@code data} chunk, padded to an even size
 * as RIFF requires.
 */
public final class AlawWav {

    /** Samples per second. */
    public static final int SAMPLE_RATE = 8000;
    /** WAVE format tag of ITU-T G.711 A-law. */
    public static final int FORMAT_ALAW = 6;
    /** Shortest tone {@link #tone} produces. */
    public static final Duration MIN_LENGTH = Duration.ofMillis(100);
    /** Longest tone {@link #tone} produces. */
    public static final Duration MAX_LENGTH = Duration.ofSeconds(10);

    private static final double AMPLITUDE = 0.5 * Short.MAX_VALUE;
    /** Fade in and out over this many samples (10 ms) so the tone starts and stops without a click. */
    private static final int FADE_SAMPLES = SAMPLE_RATE / 100;

    private AlawWav() {
    }

    /**
     * A sine tone as a complete WAV file.
     *
     * @param length how long; clamped to {@link #MIN_LENGTH}–{@link #MAX_LENGTH}; never {@code null}
     * @param frequencyHz the tone's frequency, 1–3999 Hz (below the 4 kHz Nyquist limit)
     * @return the file's bytes
     * @throws NullPointerException if {@code length} is {@code null}
     * @throws IllegalArgumentException if the frequency is out of range
     */
    public static byte[] tone(Duration length, int frequencyHz) {
        Objects.requireNonNull(length, "length");
        if (frequencyHz < 1 || frequencyHz >= SAMPLE_RATE / 2) {
            throw new IllegalArgumentException("frequencyHz must be 1-" + (SAMPLE_RATE / 2 - 1) + ", got " + frequencyHz);
        }
        Duration clamped = length.compareTo(MIN_LENGTH) < 0 ? MIN_LENGTH
                : length.compareTo(MAX_LENGTH) > 0 ? MAX_LENGTH : length;
        int samples = (int) Math.round(clamped.toNanos() * (double) SAMPLE_RATE / 1_000_000_000d);
        byte[] data = new byte[samples];
        double step = 2 * Math.PI * frequencyHz / SAMPLE_RATE;
        for (int i = 0; i < samples; i++) {
            double gain = Math.min(1.0, Math.min(i, samples - 1 - i) / (double) FADE_SAMPLES);
            int linear = (int) Math.round(AMPLITUDE * gain * Math.sin(step * i));
            data[i] = encode(linear);
        }
        return wav(data);
    }

    /**
     * Wraps A-law samples into a WAV file.
     *
     * @param alawSamples the samples, one byte each
     * @return the file's bytes
     */
    static byte[] wav(byte[] alawSamples) {
        int n = alawSamples.length;
        int pad = n & 1;
        int riffSize = 4 + (8 + 18) + (8 + 4) + (8 + n + pad);
        ByteBuffer b = ByteBuffer.allocate(8 + riffSize).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(riffSize);
        b.put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(18);
        b.putShort((short) FORMAT_ALAW);     // wFormatTag
        b.putShort((short) 1);               // nChannels
        b.putInt(SAMPLE_RATE);               // nSamplesPerSec
        b.putInt(SAMPLE_RATE);               // nAvgBytesPerSec: one byte per sample, one channel
        b.putShort((short) 1);               // nBlockAlign
        b.putShort((short) 8);               // wBitsPerSample
        b.putShort((short) 0);               // cbSize
        b.put("fact".getBytes(StandardCharsets.US_ASCII)).putInt(4).putInt(n);
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(n).put(alawSamples);
        if (pad == 1) {
            b.put((byte) 0);
        }
        return b.array();
    }

    /**
     * Encodes one linear sample with G.711 A-law. The 16-bit input is reduced to A-law's 13-bit range;
     * the result has its even bits inverted, as G.711 transmits it.
     *
     * @param linear a 16-bit signed sample; values outside the 16-bit range are clipped
     * @return the A-law code
     */
    public static byte encode(int linear) {
        int v = Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, linear)) >> 3; // 13-bit, -4096..4095
        int sign;
        int magnitude;
        if (v >= 0) {
            sign = 0x80;
            magnitude = v;
        } else {
            sign = 0;
            magnitude = -v - 1; // one's complement, so the negative range has the same 0..4095 magnitudes
        }
        int code;
        if (magnitude < 32) {
            // segment 0: linear, step of 2
            code = magnitude >> 1;
        } else {
            // segments 1..7: the position of the leading one picks the segment, the next four bits the step
            int segment = 31 - Integer.numberOfLeadingZeros(magnitude) - 4;
            code = (segment << 4) | ((magnitude >> segment) & 0x0F);
        }
        return (byte) ((sign | code) ^ 0x55);
    }

    /**
     * Decodes one G.711 A-law code to the middle of its quantisation interval.
     *
     * @param alaw the A-law code
     * @return the 16-bit signed linear sample
     */
    public static int decode(byte alaw) {
        int c = (alaw & 0xFF) ^ 0x55;
        int segment = (c >> 4) & 0x07;
        int mantissa = c & 0x0F;
        int magnitude; // 13-bit units
        if (segment == 0) {
            magnitude = (mantissa << 1) | 1;
        } else {
            magnitude = ((mantissa | 0x10) << segment) | (1 << (segment - 1));
        }
        int linear = magnitude << 3;
        return (c & 0x80) != 0 ? linear : -linear;
    }
}
