package dev.embedlab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** `embedlab version`: the embedlab build and the Vespa version it targets. */
@Command(name = "version", description = "Print the embedlab version and the Vespa version it is built against.")
public final class VersionCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        for (String line : versionLines()) spec.commandLine().getOut().println(line);
    }

    static String[] versionLines() {
        Properties build = buildProperties();
        return new String[] {
                "embedlab " + build.getProperty("embedlab.version"),
                "vespa " + build.getProperty("vespa.version"),
                "java " + System.getProperty("java.version")
        };
    }

    private static Properties buildProperties() {
        try (InputStream in = VersionCommand.class.getResourceAsStream("/embedlab-build.properties")) {
            if (in == null) throw new IllegalStateException("embedlab-build.properties missing from the classpath");
            Properties properties = new Properties();
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lets `embedlab --version` print the same lines. */
    public static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return versionLines();
        }
    }
}
