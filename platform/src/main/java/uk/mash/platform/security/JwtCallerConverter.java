package uk.mash.platform.security;

import java.util.List;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Turns a verified bearer token into the same caller an API key gives, so that controllers, role checks and the
 * audit trail do not care how the caller authenticated.
 */
class JwtCallerConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    private final JwtCallerSettings settings;

    JwtCallerConverter(JwtCallerSettings settings) {
        this.settings = settings;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        List<String> roles = jwt.hasClaim(settings.rolesClaim()) ? jwt.getClaimAsStringList(settings.rolesClaim())
                : List.of();
        List<SimpleGrantedAuthority> authorities = roles.stream()
                .map(role -> new SimpleGrantedAuthority("ROLE_" + role))
                .toList();
        CallerIdentity caller = new CallerIdentity(jwt.getClaimAsString(settings.nameClaim()),
                jwt.getClaimAsString(settings.agencyClaim()));
        return UsernamePasswordAuthenticationToken.authenticated(caller, jwt, authorities);
    }
}
