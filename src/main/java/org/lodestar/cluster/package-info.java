/**
 * What lets several app nodes share one database and do no work twice: scheduled passes that run on
 * one node at a time (ShedLock), serial sections held for a transaction, and the upkeep of the
 * durable event registry (the thread pool its listeners run on, resubmitting what a crash left behind).
 */
@ApplicationModule(allowedDependencies = { "infrastructure" })
package org.lodestar.cluster;

import org.springframework.modulith.ApplicationModule;
