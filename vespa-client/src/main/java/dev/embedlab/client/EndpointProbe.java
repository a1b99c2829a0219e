package dev.embedlab.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;

/**
 * Whether an endpoint accepts TCP connections at all. Java's HTTP client reports a refused connection as a
 * ConnectException without any message; a plain socket says "Connection refused", "no-such-host", "Connect timed
 * out", which is what a one-line error needs.
 */
public final class EndpointProbe {

    private EndpointProbe() {
    }

    /**
     * Why {@code endpoint}, given as {@code option}, is not an http(s) URL with a host, or null when it is. Java
     * reads {@code localhost:8080} as scheme "localhost" without a host, which would otherwise surface later as
     * "hostname can't be null".
     */
    public static String invalid(URI endpoint, String option) {
        String scheme = endpoint.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || endpoint.getHost() == null) {
            return option + " must be an http:// or https:// URL with a host, e.g. http://localhost:8080/, got '"
                    + endpoint + "'";
        }
        return null;
    }

    /** Opens and closes a connection to the endpoint's host and port: null when it opened, else why not. */
    public static String connectProblem(URI endpoint, Duration timeout) {
        if (endpoint.getHost() == null) return "no host in " + endpoint;
        int port = endpoint.getPort() > 0 ? endpoint.getPort() : "https".equalsIgnoreCase(endpoint.getScheme()) ? 443 : 80;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.getHost(), port), (int) timeout.toMillis());
            return null;
        } catch (IOException | IllegalArgumentException e) {
            return RootCause.of(e);
        }
    }
}
