package org.lodestar.cluster;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.springframework.aop.interceptor.AsyncUncaughtExceptionHandler;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.AsyncConfigurer;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The threads durable event listeners ({@code @ApplicationModuleListener}) run on: a few, so that
 * listeners waiting for a serial section do not take every database connection. When the node stops, a
 * listener already running (a rescoring pass) is given {@code lodestar.events.shutdown-wait} to finish before
 * the database connections close; what is queued is left to the registry, which publishes it again on restart.
 */
@Configuration(proxyBeanMethods = false)
@EnableAsync
class ListenerThreads implements AsyncConfigurer, DisposableBean {

    private final int threads;
    private final Duration shutdownWait;
    private ThreadPoolTaskExecutor executor;

    /**
     * @param dataSource not used: taken so that the connections are closed after this bean, once the listeners
     *        running at shutdown have ended
     */
    ListenerThreads(@Value("${lodestar.events.threads:2}") int threads,
            @Value("${lodestar.events.shutdown-wait:PT30S}") Duration shutdownWait, DataSource dataSource) {
        this.threads = threads;
        this.shutdownWait = shutdownWait;
    }

    @Override
    public synchronized Executor getAsyncExecutor() {
        if (executor == null) {
            executor = new ThreadPoolTaskExecutor();
            executor.setCorePoolSize(threads);
            executor.setMaxPoolSize(threads);
            executor.setThreadNamePrefix("event-listener-");
            // What is queued when the node stops is still in the registry and is published again on restart.
            executor.setWaitForTasksToCompleteOnShutdown(false);
            // A listener handed over while the node stops is left to the registry as well (its publication is
            // stored), not logged as an error with a stack trace.
            executor.setRejectedExecutionHandler(new ThreadPoolExecutor.DiscardPolicy());
            executor.setDaemon(true);
            executor.initialize();
        }
        return executor;
    }

    /** A listener that found the database busy says so in one line; its publication is resubmitted later. */
    @Override
    public AsyncUncaughtExceptionHandler getAsyncUncaughtExceptionHandler() {
        return BusyDatabase.listeners();
    }

    /** Drops what is queued (it is in the registry) and lets what runs finish, for at most the shutdown wait. */
    @Override
    public synchronized void destroy() throws InterruptedException {
        if (executor != null) {
            ThreadPoolExecutor pool = executor.getThreadPoolExecutor();
            pool.getQueue().clear();
            pool.shutdown();
            if (!pool.awaitTermination(shutdownWait.toMillis(), TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
            }
        }
    }
}
