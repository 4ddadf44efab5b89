package io.github.privatenumber.core.recording;

import io.github.privatenumber.core.InvalidValueException;
import io.github.privatenumber.core.internal.Checks;

/**
 * Where a call recording lives, as a call detail record names it: {@code recordDomain} and the file
 * name ({@code recordObjectName} in the CDR, {@code fileName} in the download request, SPEC §7).
 * Immutable and thread-safe.
 *
 * @param recordDomain the storage host name: 1–255 ASCII letters, digits, dots and dashes
 * @param fileName the file name: 1–256 visible ASCII characters without {@code /}, {@code \}, {@code ?},
 *     {@code #} or whitespace
 */
public record RecordingReference(String recordDomain, String fileName) {

    /** The longest accepted host name. */
    public static final int MAX_DOMAIN_LENGTH = 255;
    /** The longest accepted file name. */
    public static final int MAX_FILE_NAME_LENGTH = 256;

    /**
     * @param recordDomain as documented on the record
     * @param fileName as documented on the record
     * @throws InvalidValueException naming {@code recordDomain} or {@code fileName} when a rule is broken
     */
    public RecordingReference {
        Checks.visibleAscii("recordDomain", recordDomain, MAX_DOMAIN_LENGTH);
        for (int i = 0; i < recordDomain.length(); i++) {
            char c = recordDomain.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '.' || c == '-';
            if (!ok) {
                throw new InvalidValueException("recordDomain",
                        "must be a host name of letters, digits, dots and dashes; bad character at index " + i);
            }
        }
        Checks.visibleAscii("fileName", fileName, MAX_FILE_NAME_LENGTH);
        for (int i = 0; i < fileName.length(); i++) {
            char c = fileName.charAt(i);
            if (c == '/' || c == '\\' || c == '?' || c == '#') {
                throw new InvalidValueException("fileName", "must not contain / \\ ? or #; found at index " + i);
            }
        }
    }

    /**
     * @param recordDomain the storage host name
     * @param fileName the recording's file name
     * @return the reference
     * @throws InvalidValueException as the constructor
     */
    public static RecordingReference of(String recordDomain, String fileName) {
        return new RecordingReference(recordDomain, fileName);
    }
}
