package io.github.privatenumber.notifications.internal;

import io.github.privatenumber.core.notification.CallDetailRecord;
import io.github.privatenumber.core.notification.CallEvent;
import java.util.List;

/**
 * A push read from its body: one call event or a batch of CDRs, plus the names of fields that were present but could
 * not be read (kept only in the raw JSON).
 */
public sealed interface ParsedPush {

    /**
     * @return the names of fields present but unreadable, e.g. {@code feeLst[2].fwdAnswerTime}; empty when none
     */
    List<String> unreadableFields();

    /**
     * @return how many records the push carries
     */
    int recordCount();

    /**
     * A call-status push.
     *
     * @param event the event
     * @param unreadableFields fields present but unreadable
     */
    record EventPush(CallEvent event, List<String> unreadableFields) implements ParsedPush {
        /** Copies the list. */
        public EventPush {
            unreadableFields = List.copyOf(unreadableFields);
        }

        @Override
        public int recordCount() {
            return 1;
        }
    }

    /**
     * A {@code fee} push.
     *
     * @param records the usable CDRs in push order, 1–50
     * @param unreadableFields fields present but unreadable
     * @param refusedRecords why each unusable element of {@code feeLst} was refused (not an object, or no usable
     *     {@code icid}), naming its index; empty when every element is usable
     */
    record CdrPush(List<CallDetailRecord> records, List<String> unreadableFields, List<String> refusedRecords)
            implements ParsedPush {
        /** Copies the lists. */
        public CdrPush {
            records = List.copyOf(records);
            unreadableFields = List.copyOf(unreadableFields);
            refusedRecords = List.copyOf(refusedRecords);
        }

        @Override
        public int recordCount() {
            return records.size();
        }
    }
}
