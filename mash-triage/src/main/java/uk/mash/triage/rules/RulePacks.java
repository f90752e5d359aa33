package uk.mash.triage.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.stereotype.Component;

import uk.mash.platform.indicators.IndicatorCatalogue;
import uk.mash.triage.TriageSettings;

/**
 * Every rule pack, loaded and validated at start-up, and which one is in force for a local authority on a day.
 * A pack that does not validate, or configuration naming a pack that does not exist, stops the service.
 */
@Component
public class RulePacks {

    private final Map<String, ThresholdEngine> byIdAndVersion = new LinkedHashMap<>();
    private final TriageSettings.RulePacks settings;

    public RulePacks(TriageSettings settings, IndicatorCatalogue catalogue, ResourcePatternResolver resources) {
        this.settings = settings.rulePacks();
        RulePackValidator validator = new RulePackValidator(catalogue);
        for (Resource resource : packResources(resources)) {
            ThresholdRulePack pack = validator.validated(resource.getFilename(), read(resource));
            if (byIdAndVersion.put(key(pack.id(), pack.version()), new ThresholdEngine(pack)) != null) {
                throw new InvalidRulePackException(resource.getFilename(),
                        List.of("another file already holds " + pack.id() + " version " + pack.version()));
            }
        }
        checkInForce();
    }

    /** The engine of the pack in force for the local authority on the day the referral was received. */
    public ThresholdEngine inForce(String localAuthority, Instant receivedAt) {
        LocalDate day = receivedAt.atZone(settings.zone()).toLocalDate();
        return settings.inForce().getOrDefault(localAuthority, List.of()).stream()
                .filter(inForce -> !inForce.from().isAfter(day))
                .max(Comparator.comparing(TriageSettings.InForce::from))
                .map(inForce -> find(inForce).orElseThrow())
                .orElseThrow(() -> new NoRulePackInForceException(localAuthority, day));
    }

    public List<ThresholdRulePack> all() {
        return byIdAndVersion.values().stream().map(ThresholdEngine::pack).toList();
    }

    private void checkInForce() {
        List<String> problems = new ArrayList<>();
        settings.inForce().forEach((localAuthority, packs) -> packs.forEach(inForce -> {
            if (inForce.pack() == null || inForce.from() == null) {
                problems.add("local authority '" + localAuthority + "': every entry needs a pack and a from date");
            }
            else if (find(inForce).isEmpty()) {
                problems.add("local authority '" + localAuthority + "' names pack " + inForce.pack()
                        + (inForce.version() == null ? "" : " version " + inForce.version())
                        + ", which was not found in " + settings.locations());
            }
        }));
        if (!problems.isEmpty()) {
            throw new InvalidRulePackException("configuration referrals.triage.rule-packs.in-force", problems);
        }
    }

    private Optional<ThresholdEngine> find(TriageSettings.InForce inForce) {
        if (inForce.version() != null) {
            return Optional.ofNullable(byIdAndVersion.get(key(inForce.pack(), inForce.version())));
        }
        return byIdAndVersion.values().stream()
                .filter(engine -> engine.pack().id().equals(inForce.pack()))
                .max(Comparator.comparing(engine -> engine.pack().version(), PackVersions.ORDER));
    }

    private Resource[] packResources(ResourcePatternResolver resources) {
        try {
            return resources.getResources(settings.locations());
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot list rule packs at " + settings.locations(), e);
        }
    }

    private static ThresholdRulePack read(Resource resource) {
        try (InputStream in = resource.getInputStream()) {
            return RulePackReader.read(resource.getFilename(), in);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read rule pack " + resource.getFilename(), e);
        }
    }

    private static String key(String id, String version) {
        return id + "@" + version;
    }
}
