package org.lodestar.tasks;

/** Which tasks to list: by owner's email, account, play and status (default: any), up to {@code limit}. */
public record TaskFilter(String owner, Long account, Long play, TaskStatus status, int limit) {
}
