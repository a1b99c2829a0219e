package dev.embedlab.vespa.testing;

import com.yahoo.component.annotation.Inject;
import com.yahoo.language.process.Embedder;
import dev.embedlab.vespa.StaticLookupEmbedder;
import dev.embedlab.vespa.StaticLookupEmbedderConfig;

/**
 * The production StaticLookupEmbedder with its {@code model} references resolved against the test application
 * package, which the standalone test container does not do (see {@link AppPackageHuggingFaceEmbedder}).
 */
public class AppPackageStaticLookupEmbedder extends StaticLookupEmbedder {

    @Inject
    public AppPackageStaticLookupEmbedder(StaticLookupEmbedderConfig config, Embedder.Runtime runtime) {
        super(config, runtime, AppPackageHuggingFaceEmbedder::resolve);
    }
}
