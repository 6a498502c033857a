package org.lodestar.cluster;

import java.util.concurrent.Executor;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.AsyncConfigurer;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The threads durable event listeners ({@code @ApplicationModuleListener}) run on: a few, so that
 * listeners waiting for a serial section do not take every database connection.
 */
@Configuration(proxyBeanMethods = false)
@EnableAsync
class ListenerThreads implements AsyncConfigurer, DisposableBean {

    private final int threads;
    private ThreadPoolTaskExecutor executor;

    ListenerThreads(@Value("${lodestar.events.threads:2}") int threads) {
        this.threads = threads;
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
            executor.setDaemon(true);
            executor.initialize();
        }
        return executor;
    }

    @Override
    public synchronized void destroy() {
        if (executor != null) {
            executor.shutdown();
        }
    }
}
