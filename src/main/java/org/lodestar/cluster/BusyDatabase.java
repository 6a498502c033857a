package org.lodestar.cluster;

import java.lang.reflect.Method;
import java.sql.SQLException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.interceptor.AsyncUncaughtExceptionHandler;
import org.springframework.boot.task.SimpleAsyncTaskSchedulerCustomizer;
import org.springframework.boot.task.ThreadPoolTaskSchedulerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.util.ErrorHandler;

/**
 * A background pass or event listener that finds the database busy (a lock another transaction holds too long, such
 * as an import's or a demo book's) is not a failure worth a stack trace in the middle of that import: it says so in
 * one WARN line and runs again (a scheduled pass on its next turn, a listener when its publication is resubmitted).
 * Anything else is logged as before, at ERROR with its stack trace.
 */
@Configuration(proxyBeanMethods = false)
class BusyDatabase {

    private static final Logger log = LoggerFactory.getLogger(BusyDatabase.class);
    /** H2's lock timeout (LOCK_TIMEOUT_1), PostgreSQL's lock_not_available, and a deadlock on either. */
    private static final java.util.Set<String> BUSY_STATES = java.util.Set.of("HYT00", "55P03", "40P01", "40001");
    private static final int MESSAGE_LENGTH = 160;

    /** Scheduled passes on virtual threads (spring.threads.virtual.enabled) ... */
    @Bean
    SimpleAsyncTaskSchedulerCustomizer busyDatabaseOnVirtualThreads() {
        return scheduler -> scheduler.setErrorHandler(scheduledPasses());
    }

    /** ... and on a pool. */
    @Bean
    ThreadPoolTaskSchedulerCustomizer busyDatabaseOnPool() {
        return scheduler -> scheduler.setErrorHandler(scheduledPasses());
    }

    static ErrorHandler scheduledPasses() {
        return failure -> {
            if (busy(failure)) {
                log.warn(line(where(failure), failure, "runs again on its next turn"));
            } else {
                log.error("Unexpected error in the scheduled pass {}", where(failure), failure);
            }
        };
    }

    /** For {@code @Async} listeners: their publication stays incomplete and is resubmitted later. */
    static AsyncUncaughtExceptionHandler listeners() {
        return (failure, method, parameters) -> {
            String listener = name(method);
            if (busy(failure)) {
                log.warn(line(listener, failure, "its event is handled again when it is resubmitted"));
            } else {
                log.error("Unexpected error in the listener {}", listener, failure);
            }
        };
    }

    /** Whether this failure, or one of its causes, is a lock wait that timed out or a deadlock. */
    static boolean busy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PessimisticLockingFailureException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null && BUSY_STATES.contains(sql.getSQLState())) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /** "usage.UsageRollups.drain: the database is busy (Timeout trying to lock table ...); runs again ...". */
    static String line(String where, Throwable failure, String then) {
        // The database's own words (H2 nests its internals below them), else the innermost cause's.
        Throwable said = failure;
        while (!(said instanceof SQLException) && said.getCause() != null && said.getCause() != said) {
            said = said.getCause();
        }
        String message = String.valueOf(said.getMessage()).lines().findFirst().orElse("");
        if (message.length() > MESSAGE_LENGTH) {
            message = message.substring(0, MESSAGE_LENGTH) + " ...";
        }
        return where + ": the database is busy, another transaction holds a lock it needs (" + message + "); " + then;
    }

    /** The first of Lodestar's own methods on the failure's stack: the pass that failed. */
    static String where(Throwable failure) {
        for (StackTraceElement frame : failure.getStackTrace()) {
            if (frame.getClassName().startsWith("org.lodestar.") && !frame.getClassName().contains("$$")) {
                return frame.getClassName().substring("org.lodestar.".length()) + "." + frame.getMethodName();
            }
        }
        return "a background pass";
    }

    private static String name(Method method) {
        return method.getDeclaringClass().getName().replace("org.lodestar.", "") + "." + method.getName();
    }
}
