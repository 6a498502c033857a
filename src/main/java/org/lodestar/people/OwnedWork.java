package org.lodestar.people;

import java.util.Map;

/**
 * What people own elsewhere in Lodestar (accounts, open tasks), so that disabling someone or making them read-only
 * says what they leave behind. The worklist, which reads both, provides it.
 */
public interface OwnedWork {

    /** Accounts owned (churned ones aside) and open tasks of one person. */
    record Owned(long accounts, long openTasks) {

        public static final Owned NOTHING = new Owned(0, 0);

        public boolean any() {
            return accounts > 0 || openTasks > 0;
        }

        /** "12 accounts and 1 open task". */
        public String sentence() {
            return accounts + (accounts == 1 ? " account" : " accounts") + " and " + openTasks
                    + (openTasks == 1 ? " open task" : " open tasks");
        }
    }

    /** By user id, only the people who own something. */
    Map<Long, Owned> byUser();
}
