package org.lodestar.cluster;

/**
 * Work that must not run twice at once anywhere (two nodes, or the command line beside a server):
 * each is a row of {@code work_lock} that the transaction doing the work locks.
 */
public enum SerialSection {

    /** Adding stored tracking calls to the rollups: a batch is counted once. */
    USAGE_ROLLUPS("usage-rollups"),
    /** Writing current scores: two recomputes of one account would collide. */
    HEALTH_SCORES("health-scores"),
    /** Evaluating signals: a cause must never fire twice. */
    SIGNALS("signals"),
    /** Starting plays: a signal starts its playbook once. */
    PLAYBOOKS("playbooks");

    private final String row;

    SerialSection(String row) {
        this.row = row;
    }

    String row() {
        return row;
    }
}
