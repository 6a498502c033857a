package org.lodestar.web;

/** The request is valid but clashes with the current state; answered as 409. */
public class Conflict extends RuntimeException {

    public Conflict(String message) {
        super(message);
    }
}
