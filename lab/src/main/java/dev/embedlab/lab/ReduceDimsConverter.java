package dev.embedlab.lab;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --reduce-dims}: a whole number of dimensions, 1 or more. */
final class ReduceDimsConverter implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
        int n;
        try {
            n = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("dimensions must be a whole number, got '" + value + "'");
        }
        if (n < 1) throw new TypeConversionException("dimensions must be at least 1, got " + n);
        return n;
    }
}
