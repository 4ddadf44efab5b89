package io.github.privatenumber.core.binding;

import io.github.privatenumber.core.InvalidValueException;
import io.github.privatenumber.core.internal.Checks;

/**
 * The file name of a voice announcement uploaded to the platform, as used by {@code recordHintTone},
 * {@code preVoiceX} and {@code preVoiceY}. Immutable and thread-safe.
 *
 * @param fileName 1–128 characters of {@code [0-9A-Za-z-_.@]}, e.g. {@code ringback_01.wav}
 */
public record VoicePrompt(String fileName) {

    /** The longest accepted file name. */
    public static final int MAX_LENGTH = 128;

    /**
     * @param fileName as documented on the record
     * @throws InvalidValueException naming {@code voicePrompt} if the name is {@code null}, empty, longer
     *     than 128 characters or has a character outside {@code [0-9A-Za-z-_.@]}
     */
    public VoicePrompt {
        check("voicePrompt", fileName);
    }

    /**
     * @param fileName the file name
     * @return the prompt
     * @throws InvalidValueException as the constructor
     */
    public static VoicePrompt of(String fileName) {
        return new VoicePrompt(fileName);
    }

    /**
     * @param field the field name to report in errors, e.g. {@code preVoiceX}
     * @param fileName the file name
     * @return the prompt
     * @throws InvalidValueException as the constructor, naming {@code field}; naming {@code field} itself if
     *     {@code field} is {@code null} or blank
     */
    public static VoicePrompt of(String field, String fileName) {
        check(Checks.fieldName(field), fileName);
        return new VoicePrompt(fileName);
    }

    private static void check(String field, String fileName) {
        Checks.notEmpty(field, fileName);
        Checks.maxLength(field, fileName, MAX_LENGTH);
        for (int i = 0; i < fileName.length(); i++) {
            char c = fileName.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
                    || c == '-' || c == '_' || c == '.' || c == '@';
            if (!ok) {
                throw new InvalidValueException(field,
                        "must be a file name of letters, digits and - _ . @ only; bad character at index " + i);
            }
        }
    }

    @Override
    public String toString() {
        return fileName;
    }
}
