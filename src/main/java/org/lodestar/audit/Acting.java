package org.lodestar.audit;

/** Implemented by security principals so the audit log can tell who is acting. */
public interface Acting {

    Actor actor();
}
