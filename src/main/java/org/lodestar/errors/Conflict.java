package org.lodestar.errors;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** The request is valid but clashes with the current state; answered as 409. */
@ResponseStatus(HttpStatus.CONFLICT)
public class Conflict extends RuntimeException {

    public Conflict(String message) {
        super(message);
    }
}
