package org.lodestar.web;

/** The thing asked for does not exist; answered as 404. */
public class NotFound extends RuntimeException {

    public NotFound(String what) {
        super(what + " not found");
    }
}
