package uk.mash.platform.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request by its API key. Keys are compared by their SHA-256 hash in constant time, so the service
 * never holds a usable key.
 */
public class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    private final ApiClients apiClients;

    public ApiKeyAuthenticationFilter(ApiClients apiClients) {
        this.apiClients = apiClients;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(apiClients.header());
        if (key != null && !key.isBlank()) {
            apiClients.withKey(key).findFirst().ifPresent(
                    client -> SecurityContextHolder.getContext().setAuthentication(client.authenticated()));
        }
        chain.doFilter(request, response);
    }

    public static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
