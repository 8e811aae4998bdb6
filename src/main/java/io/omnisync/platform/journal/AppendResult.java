package io.omnisync.platform.journal;

import java.util.List;

/** What the journal did with the events of one delivery: ids of the new entries and how many were repeats. */
public record AppendResult(List<Long> journalIds, int duplicates) {

    public int accepted() {
        return journalIds.size();
    }

    public boolean allDuplicates() {
        return journalIds.isEmpty() && duplicates > 0;
    }
}
