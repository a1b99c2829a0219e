package dev.embedlab.lab;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A whole number, 1 or more: {@code --reduce-dims} dimensions, {@code --max-tokens} tokens. */
final class PositiveCountConverter implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
        int n;
        try {
            n = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("must be a whole number, got '" + value + "'");
        }
        if (n < 1) throw new TypeConversionException("must be at least 1, got " + n);
        return n;
    }
}
