package uk.mash.notify.delivery;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import uk.mash.notify.delivery.SenderAddress.UnusableSenderAddress;

/** Says at start-up, plainly, why the notifier refused its email sender and what to do. */
class SenderAddressFailureAnalyzer extends AbstractFailureAnalyzer<UnusableSenderAddress> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnusableSenderAddress cause) {
        return new FailureAnalysis(cause.getMessage(), "Set " + SenderAddress.ENVIRONMENT_VARIABLE + " ("
                + SenderAddress.SETTING + ") to an address at the council's own mail domain that its mail server sends "
                + "from, e.g. mash-notifications@<council>.gov.uk. Referrers' outcomes wait on Kafka until the "
                + "notifier starts.", cause);
    }
}
