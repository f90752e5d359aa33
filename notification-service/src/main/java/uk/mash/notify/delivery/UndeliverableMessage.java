package uk.mash.notify.delivery;

/**
 * The destination refused the message itself (an address or template it does not accept): sending the same message
 * again would be refused again, so it is not retried. Carries the refusal's reason, never the message.
 */
class UndeliverableMessage extends RuntimeException {

    UndeliverableMessage(String reason) {
        super(reason);
    }
}
