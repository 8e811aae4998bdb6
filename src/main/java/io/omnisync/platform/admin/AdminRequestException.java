package io.omnisync.platform.admin;

/** A malformed admin request; answered 400 with the message as the problem detail. */
public class AdminRequestException extends RuntimeException {

    public AdminRequestException(String message) {
        super(message);
    }
}
