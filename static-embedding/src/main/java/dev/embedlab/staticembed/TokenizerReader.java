package dev.embedlab.staticembed;

import dev.embedlab.staticembed.tokenizer.Tokenizer;

import java.io.IOException;
import java.nio.file.Path;

/** Builds a {@link Tokenizer} from a Hugging Face tokenizer.json file. */
@FunctionalInterface
public interface TokenizerReader {

    Tokenizer read(Path tokenizerJson) throws IOException;
}
