package org.lodestar.audit;

import java.util.function.Supplier;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The actor of the current thread: an explicit one (imports, automation, the command line) when
 * bound with {@link #runAs}, otherwise the authenticated principal, otherwise the system.
 */
public final class Actors {

    private static final ThreadLocal<Actor> BOUND = new ThreadLocal<>();

    private Actors() {
    }

    public static Actor current() {
        Actor bound = BOUND.get();
        if (bound != null) {
            return bound;
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof Acting acting) {
            return acting.actor();
        }
        return Actor.system();
    }

    public static <T> T runAs(Actor actor, Supplier<T> work) {
        Actor previous = BOUND.get();
        BOUND.set(actor);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                BOUND.remove();
            } else {
                BOUND.set(previous);
            }
        }
    }

    public static void runAs(Actor actor, Runnable work) {
        runAs(actor, () -> {
            work.run();
            return null;
        });
    }
}
