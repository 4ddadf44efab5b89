package io.github.privatenumber.simulator;

import io.github.privatenumber.core.Masking;
import io.github.privatenumber.simulator.internal.PhoneNumbers;
import io.github.privatenumber.simulator.internal.Provinces;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The privacy numbers of one simulated app, grouped by area code. X and Y numbers are both taken from it.
 * Immutable and thread-safe; build one with {@link #builder()}, read one with {@link #parse(String)} /
 * {@link #read(Path)}, or take {@link #defaultPool()}.
 *
 * <h2>Text format</h2>
 * One number per line: {@code areaCode number [province]}, separated by spaces or tabs. Blank lines and
 * lines starting with {@code #} are ignored. The area code is a Chinese city code with its leading zero
 * ({@code 0755}, {@code 010}); the number is in global format ({@code +8617075500001}). The optional third
 * column names the province used by loose matching; without it a built-in table is used (020 and 0755 are
 * both Guangdong), and an area code the table does not know is a province of its own.
 * <pre>
 * # Shenzhen
 * 0755 +8617075500001
 * 0755 +8617075500002
 * 020  +8617002000001
 * 0999 +8617099900001 xinjiang
 * </pre>
 */
public final class NumberPool {

    /**
     * One privacy number.
     *
     * @param areaCode the city code it belongs to, e.g. {@code 0755}
     * @param number the number in global format
     * @param province the province used by loose matching
     */
    public record Entry(String areaCode, String number, String province) {
        /** Validates the entry. */
        public Entry {
            Objects.requireNonNull(areaCode, "areaCode");
            Objects.requireNonNull(number, "number");
            Objects.requireNonNull(province, "province");
            if (!PhoneNumbers.isAreaCode(areaCode)) {
                throw new IllegalArgumentException("area code must look like 0755 or 010, got '" + Masking.maskText(areaCode) + "'");
            }
            if (!PhoneNumbers.isGlobal(number)) {
                throw new IllegalArgumentException("pool number must be in global format like +8617075500001, got "
                        + Masking.mask(number));
            }
            if (province.isBlank()) {
                throw new IllegalArgumentException("province must not be blank");
            }
        }

        @Override
        public String toString() {
            return "Entry[" + areaCode + ", " + Masking.mask(number) + ", " + province + "]";
        }
    }

    private final List<Entry> entries;

    private NumberPool(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * The default pool: 22 numbers in Shenzhen (0755, 8), Beijing (010, 6), Guangzhou (020, 4, same province
     * as 0755) and Shanghai (021, 4), so that both strict and loose matching can be seen.
     *
     * @return the default pool of the first app
     */
    public static NumberPool defaultPool() {
        return defaultPool(0);
    }

    /**
     * The default pool for the {@code index}-th app (0-based): the same layout as {@link #defaultPool()} with
     * numbers that differ per index, so that no number belongs to two apps.
     *
     * @param index 0 to 9
     * @return a pool
     */
    public static NumberPool defaultPool(int index) {
        if (index < 0 || index > 9) {
            throw new IllegalArgumentException("index must be 0-9");
        }
        String prefix = "+8617" + index;
        Builder b = builder();
        addRange(b, prefix, "0755", "755", 8);
        addRange(b, prefix, "010", "010", 6);
        addRange(b, prefix, "020", "020", 4);
        addRange(b, prefix, "021", "021", 4);
        return b.build();
    }

    private static void addRange(Builder b, String prefix, String area, String digits, int count) {
        for (int i = 1; i <= count; i++) {
            // prefix (3 digits after +86) + 3 digits of area + 5 digits = 11 digits
            b.add(area, prefix + digits + String.format("%05d", i));
        }
    }

    /** @return a builder for a custom pool */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Parses the text format described in the class documentation.
     *
     * @param text the pool file's content
     * @return the pool
     * @throws IllegalArgumentException naming the line for any syntax error, an invalid value, a duplicate,
     *     or an empty pool
     */
    public static NumberPool parse(String text) {
        try {
            return read(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a pool file (UTF-8) in the text format described in the class documentation.
     *
     * @param file the file
     * @return the pool
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException as {@link #parse(String)}
     */
    public static NumberPool read(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r);
        }
    }

    private static NumberPool read(Reader reader) throws IOException {
        Builder b = builder();
        BufferedReader lines = new BufferedReader(reader);
        String line;
        int n = 0;
        while ((line = lines.readLine()) != null) {
            n++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            String[] cols = t.split("[ \\t]+");
            if (cols.length < 2 || cols.length > 3) {
                throw new IllegalArgumentException("pool line " + n + ": expected 'areaCode number [province]'");
            }
            try {
                if (cols.length == 3) {
                    b.add(cols[0], cols[1], cols[2]);
                } else {
                    b.add(cols[0], cols[1]);
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("pool line " + n + ": " + e.getMessage(), e);
            }
        }
        return b.build();
    }

    /** @return every number, in the order given; allocation prefers earlier numbers */
    public List<Entry> entries() {
        return entries;
    }

    /** @return how many numbers the pool holds */
    public int size() {
        return entries.size();
    }

    /** @return the number of privacy numbers per area code, in first-seen order */
    public Map<String, Integer> countByArea() {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (Entry e : entries) {
            m.merge(e.areaCode(), 1, Integer::sum);
        }
        return m;
    }

    @Override
    public String toString() {
        return "NumberPool" + countByArea();
    }

    /** Collects numbers for a {@link NumberPool}. Not thread-safe. */
    public static final class Builder {
        private final List<Entry> entries = new ArrayList<>();
        private final Set<String> seen = new HashSet<>();

        private Builder() {
        }

        /**
         * @param areaCode city code such as {@code 0755}
         * @param number privacy number in global format
         * @return this builder
         * @throws IllegalArgumentException if a value is invalid or the number was already added
         */
        public Builder add(String areaCode, String number) {
            return add(areaCode, number, Provinces.of(areaCode));
        }

        /**
         * @param areaCode city code such as {@code 0755}
         * @param number privacy number in global format
         * @param province the province, for loose matching
         * @return this builder
         * @throws IllegalArgumentException if a value is invalid or the number was already added
         */
        public Builder add(String areaCode, String number, String province) {
            Entry e = new Entry(areaCode, number, province);
            if (!seen.add(number)) {
                throw new IllegalArgumentException("duplicate pool number " + Masking.mask(number));
            }
            entries.add(e);
            return this;
        }

        /**
         * @return the pool
         * @throws IllegalArgumentException if no number was added
         */
        public NumberPool build() {
            if (entries.isEmpty()) {
                throw new IllegalArgumentException("a number pool needs at least one number");
            }
            return new NumberPool(entries);
        }
    }
}
